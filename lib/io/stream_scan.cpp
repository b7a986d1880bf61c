#include "io/stream_scan.hpp"

#include <array>
#include <cstdint>
#include <cstring>
#include <fstream>
#include <set>
#include <vector>

#include "core/text.hpp"

namespace mixgrade {
namespace {

// Random access to a file through one bounded window (1 MiB): frame and page headers are a few
// bytes each, read in order, so the window moves forward and is refilled about once per MiB.
class Window {
 public:
  explicit Window(const std::filesystem::path& path) : in_(path, std::ios::binary) {
    std::error_code ec;
    size_ = std::filesystem::file_size(path, ec);
    if (ec || !in_) size_ = 0;
  }
  std::uint64_t size() const { return size_; }

  // The n bytes at pos (n <= 1 MiB), or nullptr when they run past the end of the file.
  const unsigned char* at(std::uint64_t pos, std::size_t n) {
    if (pos + n > size_) return nullptr;
    if (pos < start_ || pos + n > start_ + data_.size()) {
      data_.resize(static_cast<std::size_t>(std::min<std::uint64_t>(kSize, size_ - pos)));
      in_.clear();
      in_.seekg(static_cast<std::streamoff>(pos));
      in_.read(reinterpret_cast<char*>(data_.data()), static_cast<std::streamsize>(data_.size()));
      data_.resize(static_cast<std::size_t>(in_.gcount()));
      start_ = pos;
      if (pos + n > start_ + data_.size()) return nullptr;
    }
    return data_.data() + (pos - start_);
  }

 private:
  static constexpr std::uint64_t kSize = 1 << 20;
  std::ifstream in_;
  std::uint64_t size_ = 0;
  std::uint64_t start_ = 0;
  std::vector<unsigned char> data_;
};

std::uint32_t be32(const unsigned char* p) {
  return std::uint32_t{p[0]} << 24 | std::uint32_t{p[1]} << 16 | std::uint32_t{p[2]} << 8 | p[3];
}

// One MPEG audio frame header (ISO/IEC 11172-3 2.4.1.3; 13818-3 for the half rates; "2.5" for
// the quarter rates). length 0: not a header, or free format (no length to walk by).
struct MpegFrame {
  int version = 0;  // 1, 2, or 25
  int layer = 0;    // 1, 2, 3
  int rate = 0;     // Hz
  bool mono = false;
  std::uint32_t length = 0;  // bytes, header included
};

MpegFrame mpeg_frame(const unsigned char* h) {
  MpegFrame f;
  if (h[0] != 0xFF || (h[1] & 0xE0) != 0xE0) return f;
  const int version_bits = (h[1] >> 3) & 3, layer_bits = (h[1] >> 1) & 3;
  const int bitrate_index = h[2] >> 4, rate_index = (h[2] >> 2) & 3, padding = (h[2] >> 1) & 1;
  if (version_bits == 1 || layer_bits == 0 || bitrate_index == 0 || bitrate_index == 15 ||
      rate_index == 3)
    return f;
  static constexpr std::array<std::array<int, 15>, 5> kKbps = {{
      {0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448},  // V1 layer I
      {0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384},     // V1 layer II
      {0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320},      // V1 layer III
      {0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256},     // V2 layer I
      {0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160},          // V2 layers II, III
  }};
  static constexpr std::array<int, 3> kRates = {44100, 48000, 32000};
  f.version = version_bits == 3 ? 1 : version_bits == 2 ? 2 : 25;
  f.layer = 4 - layer_bits;
  f.rate = kRates[static_cast<std::size_t>(rate_index)] / (f.version == 1   ? 1
                                                           : f.version == 2 ? 2
                                                                            : 4);
  f.mono = (h[3] >> 6) == 3;
  const std::size_t table = f.version == 1 ? static_cast<std::size_t>(f.layer - 1)
                            : f.layer == 1 ? 3
                                           : 4;
  const std::uint32_t bps = static_cast<std::uint32_t>(kKbps[table][bitrate_index]) * 1000;
  const auto rate = static_cast<std::uint32_t>(f.rate);
  if (f.layer == 1)
    f.length = (12 * bps / rate + static_cast<std::uint32_t>(padding)) * 4;
  else
    f.length = (f.layer == 3 && f.version != 1 ? 72 : 144) * bps / rate +
               static_cast<std::uint32_t>(padding);
  return f;
}

bool same_stream(const MpegFrame& a, const MpegFrame& b) {
  return a.version == b.version && a.layer == b.layer && a.rate == b.rate;
}

// The frame count and stream size a Xing/Info (LAME) or VBRI (Fraunhofer) header in the first
// frame declares; 0 when not declared.
struct Declared {
  std::uint64_t frames = 0;
  std::uint64_t bytes = 0;
  bool tag_frame = false;  // Xing/Info: the first frame is the tag, not audio
};
Declared declared_by_first_frame(Window& file, std::uint64_t pos, const MpegFrame& f) {
  Declared d;
  const std::uint64_t side = f.version == 1 ? (f.mono ? 17 : 32) : (f.mono ? 9 : 17);
  if (const unsigned char* x = file.at(pos + 4 + side, 16);
      x != nullptr && (std::memcmp(x, "Xing", 4) == 0 || std::memcmp(x, "Info", 4) == 0)) {
    d.tag_frame = true;
    const std::uint32_t flags = be32(x + 4);
    std::size_t at = 8;
    if ((flags & 1) != 0) d.frames = be32(x + at), at += 4;
    if ((flags & 2) != 0) d.bytes = be32(x + at);
    return d;
  }
  if (const unsigned char* v = file.at(pos + 4 + 32, 18);
      v != nullptr && std::memcmp(v, "VBRI", 4) == 0) {
    d.bytes = be32(v + 10);
    d.frames = be32(v + 14);
  }
  return d;
}

// A tag or padding that may follow the last frame.
bool trailer(Window& file, std::uint64_t pos) {
  for (const char* tag : {"TAG", "APETAGEX", "LYRICSBEGIN", "ID3"}) {
    const std::size_t n = std::strlen(tag);
    if (const unsigned char* p = file.at(pos, n); p != nullptr && std::memcmp(p, tag, n) == 0)
      return true;
  }
  for (std::uint64_t at = pos; at < file.size(); ++at)
    if (const unsigned char* p = file.at(at, 1); p == nullptr || *p != 0) return false;
  return true;
}

std::string bytes_text(std::uint64_t n) {
  return std::to_string(n) + (n == 1 ? " byte" : " bytes");
}

}  // namespace

namespace {

StreamScan scan_mpeg(Window& file) {
  StreamScan scan;
  std::uint64_t pos = 0;
  const unsigned char* h = file.at(0, 10);
  if (h != nullptr && std::memcmp(h, "ID3", 3) == 0) {
    // ID3v2: a 28-bit "synchsafe" size after a 10-byte header, plus a 10-byte footer if flagged.
    pos = 10 + (std::uint64_t{h[6] & 0x7Fu} << 21 | std::uint64_t{h[7] & 0x7Fu} << 14 |
                std::uint64_t{h[8] & 0x7Fu} << 7 | (h[9] & 0x7Fu));
    if ((h[5] & 0x10) != 0) pos += 10;
  }
  // The first frame: a header whose successor (or the end of the file) is where it says.
  MpegFrame first;
  const std::uint64_t search_end = pos + 65536;
  for (; pos < search_end; ++pos) {
    const unsigned char* p = file.at(pos, 4);
    if (p == nullptr) break;
    first = mpeg_frame(p);
    if (first.length == 0) continue;
    const unsigned char* next = file.at(pos + first.length, 4);
    if (pos + first.length == file.size() ||
        (next != nullptr && same_stream(mpeg_frame(next), first)))
      break;
    first = {};
  }
  if (first.length == 0) {
    scan.damaged = "no MPEG audio frame in its first 64 KiB: not an MP3, or a damaged one";
    return scan;
  }
  scan.kind = StreamScan::Kind::mpeg;
  const Declared declared = declared_by_first_frame(file, pos, first);
  std::uint64_t frames = 0;
  while (pos < file.size()) {
    const unsigned char* p = file.at(pos, 4);
    const MpegFrame f = p != nullptr ? mpeg_frame(p) : MpegFrame{};
    if (f.length == 0 || !same_stream(f, first)) {
      if (trailer(file, pos)) break;
      if (p == nullptr) {  // under 4 bytes left: a header cut in two
        scan.truncated = "truncated: the MP3 ends inside a frame header (cut off in the upload?)";
        return scan;
      }
      scan.damaged = "damaged MP3: the frames break off at byte " + std::to_string(pos) + " of " +
                     std::to_string(file.size()) + " (no frame header there); export it again";
      return scan;
    }
    if (pos + f.length > file.size()) {
      scan.truncated = "truncated: the last MP3 frame needs " + bytes_text(f.length) +
                       ", the file holds " + bytes_text(file.size() - pos) +
                       " of it (cut off in the upload?)";
      return scan;
    }
    pos += f.length;
    ++frames;
  }
  const std::uint64_t audio_frames = declared.tag_frame ? frames - 1 : frames;
  if (declared.frames > audio_frames)
    scan.truncated = "truncated: the MP3 header declares " + std::to_string(declared.frames) +
                     " frames, the file holds " + std::to_string(audio_frames) +
                     " (cut off in the upload?)";
  else if (declared.bytes > file.size())
    scan.truncated = "truncated: the MP3 header declares " + bytes_text(declared.bytes) +
                     ", the file holds " + bytes_text(file.size()) + " (cut off in the upload?)";
  return scan;
}

StreamScan scan_ogg(Window& file) {
  StreamScan scan;
  std::set<std::uint32_t> begun, ended;
  std::uint64_t pos = 0;
  while (pos < file.size()) {
    const unsigned char* h = file.at(pos, 27);
    if (h == nullptr || std::memcmp(h, "OggS", 4) != 0 || h[4] != 0) {
      if (h == nullptr && scan.kind == StreamScan::Kind::ogg) {
        scan.truncated = "truncated: the last Ogg page is cut off (cut off in the upload?)";
        return scan;
      }
      return scan;  // not a page: no verdict
    }
    scan.kind = StreamScan::Kind::ogg;
    const std::uint32_t serial = std::uint32_t{h[14]} | std::uint32_t{h[15]} << 8 |
                                 std::uint32_t{h[16]} << 16 | std::uint32_t{h[17]} << 24;
    if ((h[5] & 0x02) != 0) begun.insert(serial);
    if ((h[5] & 0x04) != 0) ended.insert(serial);
    const unsigned segments = h[26];
    const unsigned char* table = file.at(pos + 27, segments);
    if (table == nullptr) {
      scan.truncated = "truncated: the last Ogg page is cut off (cut off in the upload?)";
      return scan;
    }
    std::uint64_t body = 0;
    for (unsigned i = 0; i < segments; ++i) body += table[i];
    const std::uint64_t length = 27 + segments + body;
    if (pos + length > file.size()) {
      scan.truncated = "truncated: the last Ogg page needs " + bytes_text(length) +
                       ", the file holds " + bytes_text(file.size() - pos) +
                       " of it (cut off in the upload?)";
      return scan;
    }
    pos += length;
  }
  for (const std::uint32_t serial : begun)
    if (!ended.contains(serial)) {
      scan.truncated =
          "truncated: the Ogg stream has no end-of-stream page (cut off in the upload?)";
      break;
    }
  return scan;
}

}  // namespace

StreamScan scan_stream(const std::filesystem::path& path) {
  Window file(path);
  const unsigned char* h = file.at(0, 4);
  if (h == nullptr) return {};
  if (std::memcmp(h, "OggS", 4) == 0) return scan_ogg(file);
  if (std::memcmp(h, "ID3", 3) == 0 || mpeg_frame(h).length != 0) return scan_mpeg(file);
  // A file named .mp3 that starts with neither: libsndfile looks for frames further in too (and
  // libmpg123 then writes to stderr), so say here whether there are any. A renamed WAV, FLAC, ...
  // goes to libsndfile.
  const std::string ext = ascii_lower(path.extension().string());
  const bool other_magic = std::memcmp(h, "RIFF", 4) == 0 || std::memcmp(h, "RIFX", 4) == 0 ||
                           std::memcmp(h, "RF64", 4) == 0 || std::memcmp(h, "FORM", 4) == 0 ||
                           std::memcmp(h, "fLaC", 4) == 0 || std::memcmp(h, "caff", 4) == 0 ||
                           std::memcmp(h, "riff", 4) == 0 || std::memcmp(h, ".snd", 4) == 0;
  if (!other_magic && (ext == ".mp3" || ext == ".mp2" || ext == ".mp1" || ext == ".mpga"))
    return scan_mpeg(file);
  return {};
}

}  // namespace mixgrade
