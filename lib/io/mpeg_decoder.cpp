#include "io/mpeg_decoder.hpp"

#include <mpg123.h>

#include "core/error.hpp"

namespace mixgrade {
namespace {

// libmpg123's message for the handle's last error, as one clause: "Error reading the stream.
// (code 18)" -> "Error reading the stream".
std::string reason(mpg123_handle* handle) {
  std::string why = mpg123_plain_strerror(mpg123_errcode(handle));
  if (const auto code = why.find(" (code "); code != std::string::npos) why.erase(code);
  while (!why.empty() && (why.back() == '.' || why.back() == ' ')) why.pop_back();
  return why;
}

}  // namespace

MpegDecoder::MpegDecoder(const std::filesystem::path& path) : name_(path.string()) {
  // A no-op after the first call since libmpg123 1.27; safe to repeat from any thread.
  if (mpg123_init() != MPG123_OK) throw InputError(name_, "the MP3 decoder cannot start");
  int error = MPG123_OK;
  handle_ = mpg123_new(nullptr, &error);
  if (handle_ == nullptr)
    throw InputError(
        name_, std::string("the MP3 decoder cannot start (") + mpg123_plain_strerror(error) + ")");
  // A constructor that throws runs no destructor: the handle is released here.
  auto fail = [&](const std::string& what) {
    const std::string why = reason(handle_);
    mpg123_delete(handle_);
    handle_ = nullptr;
    throw InputError(name_, "not a readable MP3: " + what + " (" + why + ")");
  };
  mpg123_param(handle_, MPG123_REMOVE_FLAGS, MPG123_AUTO_RESAMPLE, 0.0);
  mpg123_param(handle_, MPG123_ADD_FLAGS,
               MPG123_QUIET | MPG123_FORCE_FLOAT | MPG123_GAPLESS | MPG123_NO_FRANKENSTEIN, 0.0);
  if (mpg123_open(handle_, name_.c_str()) != MPG123_OK) fail("cannot open the stream");
  long rate = 0;
  int encoding = 0;
  if (mpg123_getformat(handle_, &rate, &channels_, &encoding) != MPG123_OK)
    fail("no MPEG audio frame");
  rate_ = static_cast<int>(rate);
  // Fix the output format for the whole stream: a later frame at another rate or channel count
  // is then an error, not a silent change of format mid-file.
  mpg123_format_none(handle_);
  if (mpg123_format(handle_, rate, channels_, MPG123_ENC_FLOAT_32) != MPG123_OK)
    fail("unsupported output format");
  // A Xing/Info or VBRI header gives the exact (gapless) length; only a stream without one is
  // scanned, frame by frame, as libsndfile does.
  off_t length = mpg123_length(handle_);
  if (length <= 0) {
    if (mpg123_scan(handle_) != MPG123_OK) fail("the frames cannot be scanned");
    length = mpg123_length(handle_);
  }
  frames_ = length > 0 ? static_cast<std::int64_t>(length) : 0;
  mpg123_frameinfo info{};
  if (mpg123_info(handle_, &info) == MPG123_OK) layer_ = info.layer;
}

MpegDecoder::~MpegDecoder() {
  if (handle_ != nullptr) {
    mpg123_close(handle_);
    mpg123_delete(handle_);
  }
}

std::size_t MpegDecoder::read(float* out, std::size_t max_frames) {
  const std::size_t bytes_per_frame = sizeof(float) * static_cast<std::size_t>(channels_);
  std::size_t filled = 0;  // bytes
  while (filled < max_frames * bytes_per_frame) {
    std::size_t done = 0;
    const int status = mpg123_read(handle_, reinterpret_cast<unsigned char*>(out) + filled,
                                   max_frames * bytes_per_frame - filled, &done);
    filled += done;
    if (status == MPG123_DONE || (status == MPG123_OK && done == 0)) break;
    if (status != MPG123_OK) {
      const std::string why =
          status == MPG123_NEW_FORMAT ? "the format changes mid-stream" : reason(handle_);
      throw InputError(
          name_, "read failed after frame " +
                     std::to_string(read_ + static_cast<std::int64_t>(filled / bytes_per_frame)) +
                     " (" + why + ")");
    }
  }
  read_ += static_cast<std::int64_t>(filled / bytes_per_frame);
  return filled / bytes_per_frame;
}

}  // namespace mixgrade
