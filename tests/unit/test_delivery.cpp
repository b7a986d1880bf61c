// The delivery block: what a delivery spec states, from real files written with libsndfile, with
// answers known on paper (2.5 s at 22050 Hz = 55125 frames), and the same whatever the block size.
#define BOOST_TEST_MODULE delivery
#include <sndfile.h>
#include <boost/test/unit_test.hpp>

#include "analysis/analysis_json.hpp"
#include "analysis/pipeline.hpp"
#include "rubric/metric_path.hpp"
#include "signals.hpp"

using namespace mixgrade;
using namespace mixgrade::test;

namespace {

AnalysisOptions delivery_only(std::size_t block_frames) {
  AnalysisOptions o;
  o.blocks = BlockSet::only({"delivery"});
  o.block_frames = block_frames;
  return o;
}

struct Case {
  const char* file;
  int sf_format;
  int rate;
  int channels;
  double seconds;
  std::int64_t frames;  // rate x seconds
  std::optional<int> bit_depth;
  const char* sample_format;
  bool lossy;
  int lossless_bits;
};

const Case kCases[] = {
    {"pcm16-44k1-stereo.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 44100, 2, 2.0, 88200, 16, "pcm_16",
     false, 16},
    {"pcm24-48k-mono.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_24, 48000, 1, 1.5, 72000, 24, "pcm_24",
     false, 24},
    {"pcm24-22k05-stereo.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_24, 22050, 2, 2.5, 55125, 24, "pcm_24",
     false, 24},
    {"float-48k-stereo.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, 48000, 2, 1.0, 48000, std::nullopt,
     "float", false, 32},
    {"pcm24-44k1-stereo.aiff", SF_FORMAT_AIFF | SF_FORMAT_PCM_24, 44100, 2, 1.0, 44100, 24,
     "pcm_24", false, 24},
    {"flac16-44k1-stereo.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 44100, 2, 2.0, 88200, 16, "flac",
     false, 16},
    {"flac24-48k-mono.flac", SF_FORMAT_FLAC | SF_FORMAT_PCM_24, 48000, 1, 1.0, 48000, 24, "flac",
     false, 24},
    {"vorbis-44k1-stereo.ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS, 44100, 2, 2.0, 88200, std::nullopt,
     "vorbis", true, 0},
};

}  // namespace

BOOST_AUTO_TEST_CASE(files_report_their_delivery_format) {
  TempDir dir;
  for (const auto& c : kCases) {
    BOOST_TEST_CONTEXT(c.file) {
      const auto path = dir / c.file;
      write_file(path, sine(1000.0, -12.0, c.seconds, c.rate, c.channels), c.sf_format);
      for (std::size_t block : {std::size_t{1}, std::size_t{7}, std::size_t{4096},
                                static_cast<std::size_t>(c.frames)}) {
        BOOST_TEST_CONTEXT("block " << block) {
          const Analysis a = analyse_file(path, delivery_only(block));
          BOOST_REQUIRE(a.delivery.has_value());
          const DeliveryResult& d = *a.delivery;
          BOOST_TEST(d.sample_rate_hz == c.rate);
          BOOST_TEST(d.channels == c.channels);
          BOOST_TEST((d.bit_depth == c.bit_depth));
          BOOST_TEST(d.sample_format == c.sample_format);
          BOOST_TEST((d.lossy == std::optional<bool>(c.lossy)));
          BOOST_TEST((d.lossless_bits == std::optional<int>(c.lossless_bits)));
          if (c.lossy) {
            // Vorbis frames are what the decoder gives back; within one 1024-sample block.
            BOOST_TEST(std::abs(a.format.frames - c.frames) <= 1024);
            BOOST_TEST(d.duration_s == double(a.format.frames) / c.rate,
                       boost::test_tools::tolerance(1e-12));
          } else {
            BOOST_TEST(a.format.frames == c.frames);
            BOOST_TEST(d.duration_s == c.seconds, boost::test_tools::tolerance(1e-12));
          }
          // Only the delivery block was asked for.
          BOOST_TEST(!a.loudness.has_value());
          BOOST_TEST(!a.spectrum.has_value());
        }
      }
    }
  }
}

BOOST_AUTO_TEST_CASE(json_block_and_rubric_values) {
  TempDir dir;
  write_file(dir / "low.wav", sine(1000.0, -12.0, 2.5, 22050), SF_FORMAT_WAV | SF_FORMAT_PCM_24);
  const auto j = to_json(analyse_file(dir / "low.wav", AnalysisOptions{}));
  BOOST_REQUIRE(j.contains("delivery"));
  const auto& d = j["delivery"];
  BOOST_TEST(d["sample_rate_hz"] == 22050);
  BOOST_TEST(d["bit_depth"] == 24);
  BOOST_TEST(d["sample_format"] == "pcm_24");
  BOOST_TEST(d["channels"] == 2);
  BOOST_TEST(d["duration_s"] == 2.5);
  BOOST_TEST(d["lossy"] == false);
  BOOST_TEST(d["lossless_bits"] == 24);
  BOOST_TEST(*resolve_metric(j, "delivery.sample_rate_hz") == 22050.0);
  BOOST_TEST(*resolve_metric(j, "delivery.lossy") == 0.0);
  BOOST_TEST(*resolve_metric(j, "delivery.duration_s") == 2.5);

  write_file(dir / "float.wav", sine(1000.0, -12.0, 0.5, 48000), SF_FORMAT_WAV | SF_FORMAT_FLOAT);
  const auto f = to_json(analyse_file(dir / "float.wav", AnalysisOptions{}));
  BOOST_TEST(f["delivery"]["bit_depth"].is_null());  // floating point has no bit depth
  BOOST_TEST(!resolve_metric(f, "delivery.bit_depth"));
  BOOST_TEST(*resolve_metric(f, "delivery.lossless_bits") == 32.0);
}

BOOST_AUTO_TEST_CASE(encodings_on_paper) {
  auto with = [](std::string container, std::string encoding) {
    return describe_delivery({.container = std::move(container),
                              .encoding = std::move(encoding),
                              .sample_rate = 48000,
                              .channels = 2,
                              .frames = 0},
                             48000 * 3);
  };
  BOOST_TEST(with("wav", "float64").sample_format == "double");
  BOOST_TEST(*with("wav", "float64").lossless_bits == 64);
  BOOST_TEST(with("mp3", "mp3").sample_format == "mp3");
  BOOST_TEST(*with("mp3", "mp3").lossy);
  BOOST_TEST(!with("mp3", "mp3").bit_depth.has_value());
  BOOST_TEST(*with("ogg", "opus").lossy);
  BOOST_TEST(*with("wav", "ulaw").lossy);
  BOOST_TEST((with("aiff", "pcm8").bit_depth == std::optional<int>(8)));
  // Frames counted, not the header's: 3 s at 48 kHz whatever `frames` said.
  BOOST_TEST(with("wav", "pcm16").duration_s == 3.0);
  // An encoding mixgrade does not name: no guess.
  const auto other = with("caf", "other");
  BOOST_TEST(other.sample_format == "other");
  BOOST_TEST(!other.lossy.has_value());
  BOOST_TEST(!other.lossless_bits.has_value());
}

BOOST_AUTO_TEST_CASE(in_memory_blocks_of_any_size_count_the_same_frames) {
  const Signal s = sine(440.0, -6.0, 2.5, 22050, 1);  // 55125 frames
  for (std::size_t block : {std::size_t{1}, std::size_t{7}, std::size_t{4096}, std::size_t{0}}) {
    const Analysis a = analyse_signal(s, block, delivery_only(16384));
    BOOST_TEST(a.delivery->duration_s == 2.5);
    BOOST_TEST(a.delivery->sample_format == "float");
    BOOST_TEST(a.delivery->channels == 1);
  }
}
