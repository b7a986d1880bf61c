// The decoder: every container the course sees, and one fixture per kind of bad input with the
// exact one-line message a student or instructor would read.
#define BOOST_TEST_MODULE reader
#include <boost/test/unit_test.hpp>

#include <sndfile.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iterator>

#include "core/error.hpp"
#include "io/audio_reader.hpp"
#include "signals.hpp"

using namespace mixgrade;
using namespace mixgrade::test;

namespace {

const std::filesystem::path kBad = std::filesystem::path(MIXGRADE_TEST_DATA) / "bad";

std::string error_of(const std::filesystem::path& path) {
  try {
    analyse_file(path, {});
  } catch (const InputError& e) {
    return e.what();
  }
  return "(no error)";
}

bool can_write(int format, int rate, int channels) {
  SF_INFO info{};
  info.samplerate = rate;
  info.channels = channels;
  info.format = format;
  return sf_format_check(&info) == SF_TRUE;
}

}  // namespace

BOOST_AUTO_TEST_CASE(every_container_reads_the_same_loudness) {
  struct Format {
    std::string name;
    int sf_format;
    std::string container, encoding;
    double tolerance;  // lossy codecs change the waveform a little
  };
  const std::vector<Format> formats = {
      {"flac16.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, "flac", "pcm16", 0.1},
      {"pcm24.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_24, "wav", "pcm24", 0.1},
      {"float.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, "wav", "float32", 0.1},
      {"double.wav", SF_FORMAT_WAV | SF_FORMAT_DOUBLE, "wav", "float64", 0.1},
      {"pcm16.aiff", SF_FORMAT_AIFF | SF_FORMAT_PCM_16, "aiff", "pcm16", 0.1},
      {"vorbis.ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS, "ogg", "vorbis", 0.1},
      {"opus.opus", SF_FORMAT_OGG | SF_FORMAT_OPUS, "ogg", "opus", 0.1},
      // LAME at libsndfile's default quality moved this tone by 0.14 dB when we measured it.
      {"mpeg.mp3", SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, "mp3", "mp3", 0.25},
  };
  TempDir dir;
  const Signal tone = sine(1000.0, -23.0, 6.0);
  for (const auto& f : formats) {
    BOOST_TEST_CONTEXT(f.name) {
      if (!can_write(f.sf_format, tone.rate, tone.channels)) {
        BOOST_TEST_MESSAGE("this libsndfile cannot write " << f.name << "; skipped");
        continue;
      }
      write_file(dir / f.name, tone, f.sf_format);
      const Analysis a = analyse_file(dir / f.name, {});
      BOOST_TEST(a.format.container == f.container);
      BOOST_TEST(a.format.encoding == f.encoding);
      BOOST_TEST(a.format.sample_rate == 48000);
      BOOST_TEST(a.format.channels == 2);
      BOOST_TEST_REQUIRE(a.loudness->integrated_lufs.has_value());
      BOOST_TEST(std::fabs(*a.loudness->integrated_lufs + 23.0) <= f.tolerance,
                 *a.loudness->integrated_lufs);
    }
  }
}

BOOST_AUTO_TEST_CASE(pcm_files_decode_every_frame) {
  TempDir dir;
  write_file(dir / "a.wav", sine(440.0, -6.0, 1.0, 44100), SF_FORMAT_WAV | SF_FORMAT_PCM_16);
  const Analysis a = analyse_file(dir / "a.wav", {});
  BOOST_TEST(a.format.frames == 44100);
  BOOST_TEST(a.format.duration_s() == 1.0, boost::test_tools::tolerance(1e-12));
}

BOOST_AUTO_TEST_CASE(odd_rates_and_channel_counts) {
  TempDir dir;
  struct Case {
    int rate, channels;
  };
  for (const Case c :
       {Case{22050, 1}, Case{32000, 2}, Case{44100, 8}, Case{192000, 2}, Case{11025, 3}}) {
    BOOST_TEST_CONTEXT(c.rate << " Hz, " << c.channels << " channels") {
      const auto path = dir / ("odd-" + std::to_string(c.rate) + ".wav");
      write_file(path, sine(440.0, -20.0, 4.0, c.rate, c.channels),
                 SF_FORMAT_WAV | SF_FORMAT_PCM_24);
      const Analysis a = analyse_file(path, {});
      BOOST_TEST(a.format.channels == c.channels);
      BOOST_TEST(a.loudness->integrated_lufs.has_value());
      BOOST_TEST(a.dynamics->dc_offset.size() == std::size_t(c.channels));
    }
  }
}

BOOST_AUTO_TEST_CASE(each_bad_input_has_its_one_line_message) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"empty.wav", "empty file (0 bytes)"},
      {"truncated-header.wav",
       "not a readable audio file (Error in WAV/W64/RF64 file. Malformed 'fmt ' chunk)"},
      {"text.wav", "not a readable audio file (Format not recognised)"},
      {"zero-frames.wav", "no audio: the header declares 0 frames"},
      {"header-only.wav",
       "no audio: the header declares 192000 bytes of audio but the file ends after the header"},
      {"nan.wav", "NaN sample at frame 1000, channel 1"},
      {"inf.wav", "infinite sample at frame 2000, channel 1"},
      {"rate-4khz.wav", "unsupported sample rate 4000 Hz (8000 to 384000 Hz supported)"},
      {"does-not-exist.wav", "no such file"},
  };
  for (const auto& [name, reason] : cases) {
    const auto path = kBad / name;
    BOOST_TEST(error_of(path) == path.string() + ": " + reason);
  }
  BOOST_TEST(error_of(kBad) == kBad.string() + ": is a directory, not an audio file");
}

BOOST_AUTO_TEST_CASE(truncated_data_is_analysed_with_a_warning) {
  const Analysis a = analyse_file(kBad / "truncated-data.wav", {});
  BOOST_TEST(a.format.frames == 4800);
  BOOST_TEST_REQUIRE(!a.warnings.empty());
  BOOST_TEST(a.warnings.back() ==
             "truncated: the header declares 96000 bytes of audio, the file holds 9600");
}

BOOST_AUTO_TEST_CASE(reader_yields_blocks_of_the_requested_size) {
  TempDir dir;
  write_file(dir / "b.wav", sine(440.0, -6.0, 0.1),
             SF_FORMAT_WAV | SF_FORMAT_PCM_16);  // 4800 frames
  AudioReader reader(dir / "b.wav");
  std::size_t total = 0;
  for (auto block = reader.read(1000); !block.empty(); block = reader.read(1000)) {
    BOOST_TEST(block.size() <= 2000u);
    total += block.size() / 2;
  }
  BOOST_TEST(total == 4800u);
  BOOST_TEST(reader.frames_read() == 4800);
}

namespace {

std::string bytes_of(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}
void write_bytes(const std::filesystem::path& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}
std::string last_warning(const std::filesystem::path& path) {
  const Analysis a = analyse_file(path, {});
  return a.warnings.empty() ? "" : a.warnings.back();
}

}  // namespace

// libsndfile decodes a cut-short MP3 or Ogg file quietly; the stream's own framing says so.
BOOST_AUTO_TEST_CASE(compressed_files_cut_short_are_analysed_with_a_warning) {
  const std::vector<std::pair<std::string, int>> formats = {
      {"vorbis.ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS},
      {"opus.opus", SF_FORMAT_OGG | SF_FORMAT_OPUS},
      {"mpeg.mp3", SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III},
  };
  TempDir dir;
  for (const auto& [name, format] : formats) {
    BOOST_TEST_CONTEXT(name) {
      if (!can_write(format, 48000, 2)) continue;
      write_file(dir / name, sine(1000.0, -20.0, 8.0), format);
      BOOST_TEST(last_warning(dir / name) == "");
      const std::string whole = bytes_of(dir / name);
      // Cut in the middle of a frame or page.
      write_bytes(dir / "cut", whole.substr(0, whole.size() * 8 / 10 + 1));
      std::filesystem::rename(dir / "cut", dir / ("cut-" + name));
      BOOST_TEST(last_warning(dir / ("cut-" + name)).starts_with("truncated: the last "));
      // Cut exactly where the last page or a frame starts.
      const bool ogg = name.ends_with(".ogg") || name.ends_with(".opus");
      const std::size_t at =
          ogg ? whole.rfind("OggS") : whole.rfind("\xFF\xFB", whole.size() * 8 / 10);
      BOOST_TEST_REQUIRE(at != std::string::npos);
      write_bytes(dir / ("edge-" + name), whole.substr(0, at));
      const std::string edge = last_warning(dir / ("edge-" + name));
      BOOST_TEST(edge.starts_with("truncated: "), edge);
      if (ogg)
        BOOST_TEST(edge ==
                   "truncated: the Ogg stream has no end-of-stream page (cut off in "
                   "the upload?)");
    }
  }
}

BOOST_AUTO_TEST_CASE(a_damaged_mp3_is_refused_in_one_line_and_tags_are_not_damage) {
  TempDir dir;
  if (!can_write(SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III, 48000, 2)) return;
  write_file(dir / "whole.mp3", sine(1000.0, -20.0, 4.0),
             SF_FORMAT_MPEG | SF_FORMAT_MPEG_LAYER_III);
  const std::string whole = bytes_of(dir / "whole.mp3");
  const std::size_t middle = whole.find("\xFF\xFB", whole.size() / 2);
  write_bytes(dir / "junk.mp3",
              whole.substr(0, middle) + std::string(300, '\x12') + whole.substr(middle));
  BOOST_TEST(error_of(dir / "junk.mp3") ==
             (dir / "junk.mp3").string() + ": damaged MP3: the frames break off at byte " +
                 std::to_string(middle) + " of " + std::to_string(whole.size() + 300) +
                 " (no frame header there); export it again");
  write_bytes(dir / "noise.mp3", std::string(5000, '\x5a'));
  BOOST_TEST(error_of(dir / "noise.mp3") ==
             (dir / "noise.mp3").string() +
                 ": no MPEG audio frame in its first 64 KiB: not an MP3, or a damaged one");
  // An ID3v1 tag, or zero padding, after the last frame is neither damage nor truncation.
  write_bytes(dir / "tagged.mp3", whole + "TAG" + std::string(125, ' '));
  BOOST_TEST(last_warning(dir / "tagged.mp3") == "");
  write_bytes(dir / "padded.mp3", whole + std::string(700, '\0'));
  BOOST_TEST(last_warning(dir / "padded.mp3") == "");
  // A WAV named .mp3 is read as the WAV it is.
  write_file(dir / "renamed.mp3", sine(1000.0, -20.0, 1.0), SF_FORMAT_WAV | SF_FORMAT_PCM_16);
  BOOST_TEST(analyse_file(dir / "renamed.mp3", {}).format.container == "wav");
}

BOOST_AUTO_TEST_CASE(a_flac_cut_short_is_analysed_with_a_warning) {
  TempDir dir;
  write_file(dir / "whole.flac", sine(1000.0, -20.0, 10.0), SF_FORMAT_FLAC | SF_FORMAT_PCM_16);
  const auto size = std::filesystem::file_size(dir / "whole.flac");
  std::filesystem::copy_file(dir / "whole.flac", dir / "half.flac");
  std::filesystem::resize_file(dir / "half.flac", size / 2);
  const Analysis a = analyse_file(dir / "half.flac", {});
  BOOST_TEST(a.format.frames < 480000);
  BOOST_TEST(a.format.frames > 100000);
  BOOST_TEST_REQUIRE(!a.warnings.empty());
  BOOST_TEST(a.warnings.back() == "truncated or damaged: the header declares 480000 frames, " +
                                      std::to_string(a.format.frames) + " could be decoded");
  BOOST_TEST(analyse_file(dir / "whole.flac", {}).warnings.empty());
}
