#pragma once
// Integrity checks for the compressed streams libsndfile decodes quietly when they are cut short
// or damaged: an MP3 (a run of MPEG audio frames) and an Ogg file (Vorbis, Opus, FLAC in Ogg: a
// run of pages). Each walks the stream's own framing, header by header, without decoding: a few
// bytes per frame or page, read in bounded chunks, so memory stays flat for any length.
#include <filesystem>
#include <string>

namespace mixgrade {

struct StreamScan {
  enum class Kind { other, mpeg, ogg };
  Kind kind = Kind::other;  // what the file holds (other: neither, or not recognised)
  std::string truncated;    // "truncated: ..." when the stream was cut short, else ""
  std::string damaged;      // why the stream cannot be trusted at all, else ""
};

// Whichever of the two the file holds, judged by its first bytes (and, for a file named .mp3,
// .mp2, .mp1 or .mpga without another format's signature, MPEG); nothing for other formats.
//
// MPEG audio (ISO/IEC 11172-3, 13818-3: layers I-III). Skips an ID3v2 tag; finds the first frame
// header confirmed by the next one; then walks every frame to the end of the file. The end may
// hold an ID3v1, APE or Lyrics3 tag, or zero padding. Truncated: the last frame runs past the end
// of the file, or the Xing/Info/VBRI header declares more frames or bytes than are there.
// Damaged: no frame header in the first 64 KiB, or the frames break off mid-file.
//
// Ogg (RFC 3533). Walks every page header from the start. Truncated: the last page runs past the
// end of the file, or a logical stream that began (BOS) never ends (no EOS page). Walking stops
// without a verdict at bytes that are not a page (damage there is libsndfile's to report).
StreamScan scan_stream(const std::filesystem::path& path);

}  // namespace mixgrade
