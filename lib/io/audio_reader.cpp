#include "io/audio_reader.hpp"

#include <cstdint>

#include <fstream>

#include <sndfile.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <system_error>

#include "core/enum_table.hpp"
#include "core/error.hpp"
#include "io/stream_scan.hpp"

namespace mixgrade {
namespace {

// libsndfile's format codes as the analysis JSON names them ("other" for any code not listed).
constexpr std::array kContainers = {
    EnumName<int>{SF_FORMAT_WAV, "wav"},   EnumName<int>{SF_FORMAT_WAVEX, "wav"},
    EnumName<int>{SF_FORMAT_RF64, "rf64"}, EnumName<int>{SF_FORMAT_W64, "w64"},
    EnumName<int>{SF_FORMAT_AIFF, "aiff"}, EnumName<int>{SF_FORMAT_CAF, "caf"},
    EnumName<int>{SF_FORMAT_FLAC, "flac"}, EnumName<int>{SF_FORMAT_OGG, "ogg"},
    EnumName<int>{SF_FORMAT_MPEG, "mp3"},  EnumName<int>{SF_FORMAT_AU, "au"},
    EnumName<int>{SF_FORMAT_RAW, "raw"},
};
constexpr std::array kEncodings = {
    EnumName<int>{SF_FORMAT_PCM_S8, "pcm8"},       EnumName<int>{SF_FORMAT_PCM_U8, "pcm8u"},
    EnumName<int>{SF_FORMAT_PCM_16, "pcm16"},      EnumName<int>{SF_FORMAT_PCM_24, "pcm24"},
    EnumName<int>{SF_FORMAT_PCM_32, "pcm32"},      EnumName<int>{SF_FORMAT_FLOAT, "float32"},
    EnumName<int>{SF_FORMAT_DOUBLE, "float64"},    EnumName<int>{SF_FORMAT_ULAW, "ulaw"},
    EnumName<int>{SF_FORMAT_ALAW, "alaw"},         EnumName<int>{SF_FORMAT_VORBIS, "vorbis"},
    EnumName<int>{SF_FORMAT_OPUS, "opus"},         EnumName<int>{SF_FORMAT_MPEG_LAYER_I, "mp1"},
    EnumName<int>{SF_FORMAT_MPEG_LAYER_II, "mp2"}, EnumName<int>{SF_FORMAT_MPEG_LAYER_III, "mp3"},
};

std::string container_name(int format) {
  return std::string(name_of(kContainers, format & SF_FORMAT_TYPEMASK, "other"));
}

std::string encoding_name(int format) {
  return std::string(name_of(kEncodings, format & SF_FORMAT_SUBMASK, "other"));
}

// libsndfile's messages end with a full stop or a newline; one line, no trailing dot.
std::string tidy(std::string message) {
  while (!message.empty() &&
         (message.back() == '\n' || message.back() == '.' || message.back() == ' '))
    message.pop_back();
  for (char& c : message)
    if (c == '\n') c = ' ';
  return message;
}

// libsndfile notes a short data chunk in its log ("data : 192000 (should be 0)") and carries on
// with what is there; the log is the only place that says how much the header promised.
struct DataChunk {
  long long declared = -1;
  long long present = -1;
};
DataChunk short_data_chunk(SNDFILE* file) {
  std::string log(8192, '\0');
  sf_command(file, SFC_GET_LOG_INFO, log.data(), static_cast<int>(log.size()));
  for (const char* chunk : {"\ndata : ", "\nSSND : "}) {
    const auto at = log.find(chunk);
    if (at == std::string::npos) continue;
    const char* p = log.c_str() + at + std::strlen(chunk);
    char* end = nullptr;
    const long long declared = std::strtoll(p, &end, 10);
    const std::string_view should_be = " (should be ";
    if (end == p || std::string_view(end).substr(0, should_be.size()) != should_be) return {};
    return {declared, std::strtoll(end + should_be.size(), nullptr, 10)};
  }
  return {};
}

// The size the container's own header declares for the whole file, for the formats whose data
// chunk libsndfile's log does not report: AIFF/AIFC (FORM size, big-endian), Sony Wave64 (the riff
// GUID's 64-bit size) and RF64 (the ds64 chunk's riffSize). 0 when unknown. A file shorter than
// that was cut off in the upload: libsndfile quietly decodes what is there.
std::uint64_t declared_file_size(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  unsigned char h[40] = {};
  in.read(reinterpret_cast<char*>(h), sizeof h);
  if (in.gcount() < 12) return 0;
  auto be32 = [&](int at) {
    return std::uint64_t{h[at]} << 24 | std::uint64_t{h[at + 1]} << 16 |
           std::uint64_t{h[at + 2]} << 8 | h[at + 3];
  };
  auto le64 = [&](int at) {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = v << 8 | h[at + i];
    return v;
  };
  if (std::memcmp(h, "FORM", 4) == 0 &&
      (std::memcmp(h + 8, "AIFF", 4) == 0 || std::memcmp(h + 8, "AIFC", 4) == 0))
    return be32(4) + 8;
  static constexpr unsigned char kW64Riff[16] = {0x72, 0x69, 0x66, 0x66, 0x2e, 0x91, 0xcf, 0x11,
                                                 0xa5, 0xd6, 0x28, 0xdb, 0x04, 0xc1, 0x00, 0x00};
  if (in.gcount() >= 24 && std::memcmp(h, kW64Riff, 16) == 0) return le64(16);
  if (in.gcount() >= 28 && std::memcmp(h, "RF64", 4) == 0 && std::memcmp(h + 12, "ds64", 4) == 0)
    return le64(20) + 8;
  return 0;
}

}  // namespace

AudioReader::AudioReader(const std::filesystem::path& path) : path_(path) {
  const std::string name = path.string();
  std::error_code ec;
  const auto status = std::filesystem::status(path, ec);
  if (ec || !std::filesystem::exists(status)) throw InputError(name, "no such file");
  if (std::filesystem::is_directory(status))
    throw InputError(name, "is a directory, not an audio file");
  // A FIFO would block for ever, a device (/dev/zero, /dev/urandom) would never end.
  if (!std::filesystem::is_regular_file(status))
    throw InputError(name, "not a regular file (a FIFO, a socket or a device): not read");
  const auto size = std::filesystem::file_size(path, ec);
  if (!ec && size == 0) throw InputError(name, "empty file (0 bytes)");

  // MP3 and Ogg framing is checked before libsndfile sees the file: a damaged MP3 is refused here
  // (libsndfile would report "File does not exist" and libmpg123 would write to stderr), and a
  // cut-short one, which both decode quietly, is flagged below.
  const StreamScan stream = scan_stream(path);
  if (!stream.damaged.empty()) throw InputError(name, stream.damaged);

  SF_INFO info{};
  if (stream.kind == StreamScan::Kind::mpeg) {
    mpeg_ = std::make_unique<MpegDecoder>(path);
    info.samplerate = mpeg_->sample_rate();
    info.channels = mpeg_->channels();
    info.frames = mpeg_->frames();
    static constexpr std::array kLayers = {SF_FORMAT_MPEG_LAYER_I, SF_FORMAT_MPEG_LAYER_II,
                                           SF_FORMAT_MPEG_LAYER_III};
    info.format =
        SF_FORMAT_MPEG | kLayers[static_cast<std::size_t>(std::clamp(mpeg_->layer(), 1, 3) - 1)];
  } else {
    file_ = sf_open(name.c_str(), SFM_READ, &info);
    if (file_ == nullptr) {
      const std::string why = tidy(sf_strerror(nullptr));
      throw InputError(name, "not a readable audio file (" + why + ")");
    }
  }
  format_.container = container_name(info.format);
  format_.encoding = encoding_name(info.format);
  format_.sample_rate = info.samplerate;
  format_.channels = info.channels;
  format_.frames = info.frames;
  // Why not SFC_SET_SCALE_FLOAT_INT_READ: we always read float, so integer files are already
  // normalised to [-1, 1) by libsndfile and float files are passed through untouched, which keeps
  // overs above 0 dBFS visible to the peak meters.
  const int sub = info.format & SF_FORMAT_SUBMASK;
  check_finite_ = sub == SF_FORMAT_FLOAT || sub == SF_FORMAT_DOUBLE;

  auto fail = [&](const std::string& reason) {
    if (file_ != nullptr) sf_close(file_);
    file_ = nullptr;
    throw InputError(name, reason);
  };
  if (info.channels < 1 || info.channels > kMaxChannels)
    fail("unsupported channel count " + std::to_string(info.channels) + " (1 to " +
         std::to_string(kMaxChannels) + " supported)");
  if (info.samplerate < kMinSampleRate || info.samplerate > kMaxSampleRate)
    fail("unsupported sample rate " + std::to_string(info.samplerate) + " Hz (" +
         std::to_string(kMinSampleRate) + " to " + std::to_string(kMaxSampleRate) +
         " Hz supported)");
  const DataChunk chunk = file_ != nullptr ? short_data_chunk(file_) : DataChunk{};
  if (info.frames == 0 && chunk.declared > 0)
    fail("no audio: the header declares " + std::to_string(chunk.declared) +
         " bytes of audio but the file ends after the header");
  if (info.frames == 0) fail("no audio: the header declares 0 frames");
  if (const std::uint64_t whole = declared_file_size(path); !ec && whole > size)
    truncation_ = "truncated: the container declares " + std::to_string(whole) +
                  " bytes, the file holds " + std::to_string(size) + " (cut off in the upload?)";
  if (!stream.truncated.empty()) truncation_ = stream.truncated;
  if (chunk.declared > chunk.present)
    truncation_ = "truncated: the header declares " + std::to_string(chunk.declared) +
                  " bytes of audio, the file holds " + std::to_string(chunk.present);
}

AudioReader::~AudioReader() {
  if (file_ != nullptr) sf_close(file_);
}

std::span<const float> AudioReader::read(std::size_t max_frames) {
  const auto channels = static_cast<std::size_t>(format_.channels);
  if (max_frames == 0) max_frames = 1;
  buffer_.resize(max_frames * channels);
  const sf_count_t got =
      mpeg_ ? static_cast<sf_count_t>(mpeg_->read(buffer_.data(), max_frames))
            : sf_readf_float(file_, buffer_.data(), static_cast<sf_count_t>(max_frames));
  if (!mpeg_ && (got < 0 || (got == 0 && sf_error(file_) != SF_ERR_NO_ERROR)))
    throw InputError(path_.string(), "read failed after frame " + std::to_string(frames_read_) +
                                         " (" + tidy(sf_strerror(file_)) + ")");
  const auto n = static_cast<std::size_t>(got) * channels;
  if (check_finite_) {
    // Float data 60 dB and more beyond full scale (a sample of 3e38 read +746 LUFS) is damage,
    // not loudness: refused like NaN and infinity.
    constexpr float kMaxFloatSample = 1000.0f;
    for (std::size_t i = 0; i < n; ++i) {
      if (!std::isfinite(buffer_[i]) || std::abs(buffer_[i]) > kMaxFloatSample) {
        const auto frame = frames_read_ + static_cast<std::int64_t>(i / channels);
        const std::string what = std::isnan(buffer_[i]) ? "NaN"
                                 : std::isinf(buffer_[i])
                                     ? "infinite"
                                     : "damaged (60 dB or more beyond full scale)";
        throw InputError(path_.string(), what + " sample at frame " + std::to_string(frame) +
                                             ", channel " + std::to_string(i % channels + 1));
      }
    }
  }
  frames_read_ += got;
  return {buffer_.data(), n};
}

}  // namespace mixgrade
