#include "analysis/delivery.hpp"

#include <algorithm>
#include <array>

#include "analysis/analysis.hpp"
#include "analysis/analysis_json.hpp"
#include "analysis/registry.hpp"

namespace mixgrade {
namespace {

// The decoder's encoding names (io/audio_reader.cpp) as a delivery spec says them.
struct Encoding {
  std::string_view encoding;       // AudioFormat::encoding
  std::string_view sample_format;  // DeliveryResult::sample_format outside FLAC
  std::optional<int> bits;         // PCM bit depth
  bool lossy;
  std::optional<int> lossless_bits;
};

constexpr std::array kEncodings = {
    Encoding{"pcm8", "pcm_8", 8, false, 8},
    Encoding{"pcm8u", "pcm_8", 8, false, 8},
    Encoding{"pcm16", "pcm_16", 16, false, 16},
    Encoding{"pcm24", "pcm_24", 24, false, 24},
    Encoding{"pcm32", "pcm_32", 32, false, 32},
    Encoding{"float32", "float", std::nullopt, false, 32},
    Encoding{"float64", "double", std::nullopt, false, 64},
    // G.711 stores about 13 bits of range in 8 companded bits: not the PCM it decodes to.
    Encoding{"ulaw", "ulaw", std::nullopt, true, 0},
    Encoding{"alaw", "alaw", std::nullopt, true, 0},
    Encoding{"vorbis", "vorbis", std::nullopt, true, 0},
    Encoding{"opus", "opus", std::nullopt, true, 0},
    Encoding{"mp1", "mp1", std::nullopt, true, 0},
    Encoding{"mp2", "mp2", std::nullopt, true, 0},
    Encoding{"mp3", "mp3", std::nullopt, true, 0},
};

}  // namespace

DeliveryResult describe_delivery(const AudioFormat& format, std::int64_t frames) {
  DeliveryResult out;
  out.sample_rate_hz = format.sample_rate;
  out.channels = format.channels;
  out.duration_s = format.sample_rate > 0 ? double(frames) / format.sample_rate : 0.0;
  const auto* e = std::find_if(kEncodings.begin(), kEncodings.end(),
                               [&](const Encoding& x) { return x.encoding == format.encoding; });
  if (e == kEncodings.end()) {
    out.sample_format = "other";
    return out;
  }
  // libsndfile reports FLAC by its PCM subtype (SF_FORMAT_FLAC | SF_FORMAT_PCM_24): lossless,
  // with that bit depth.
  out.sample_format = format.container == "flac" ? "flac" : std::string(e->sample_format);
  out.bit_depth = e->bits;
  out.lossy = e->lossy;
  out.lossless_bits = e->lossless_bits;
  return out;
}

// Nothing to measure per block: the pipeline counts the frames it decoded into
// result.format.frames before any finish() (the header's count is only a promise, and only an
// estimate for Ogg and MP3).
void DeliveryAnalyser::begin(const AudioFormat&) {}
void DeliveryAnalyser::process(std::span<const float>) {}
void DeliveryAnalyser::finish(Analysis& result) {
  result.delivery = describe_delivery(result.format, result.format.frames);
}

// The descriptor (registry.hpp).
namespace {

// The metric reference (metrics.hpp has the form): --help, --list-metrics, the README and
// rubric validation read it.
constexpr std::string_view kMetricDocs = R"(
delivery.sample_rate_hz | Hz | AES5-2018 (preferred sampling frequencies)
    Sample rate of the file as handed in.
    plain: The sample rate is how many samples per second the file holds; it sets the highest
    frequency the file can carry (half the rate).
    look: the export (bounce) dialog of your DAW: the sample rate setting.
    ignore: the sound itself: this is a setting of the exported file.
delivery.bit_depth | bits
    Bits per sample of PCM (WAV, AIFF, ...) and FLAC; null for floating point and lossy codecs,
    which have none.
    plain: Bit depth is how finely each sample is stored: 24 bits leave far more room below the
    music than 16.
delivery.sample_format
    Sample format or codec as text: pcm_16, pcm_24, pcm_32, float, double, flac, vorbis, opus,
    mp3, ... (not a number: rubrics use lossy and lossless_bits).
delivery.channels
    Number of channels (1 mono, 2 stereo).
    plain: Channels: 1 is mono, 2 is stereo.
    look: the export dialog: stereo (two channels) interleaved, not mono or split files.
    ignore: the mix itself: this is a setting of the exported file.
delivery.duration_s | s
    Length in seconds, from the frames decoded.
    plain: The length of the file in seconds.
    look: the export range in your DAW: from the first note to the end of the last reverb tail.
    ignore: silence before the start: trim it, but do not cut the tail.
delivery.lossy
    true for a lossy codec (Vorbis, Opus, MP3, G.711); a rubric reads true as 1 and false as 0.
    null for an encoding mixgrade does not know.
    plain: A lossy file (MP3, Ogg, Opus) has had parts of the sound thrown away to make it
    smaller.
delivery.lossless_bits | bits
    Resolution of a lossless delivery as one number: the PCM or FLAC bit depth, 32 for float, 64
    for double, 0 for a lossy codec (a rubric's "24-bit or better lossless" is lossless_bits
    >= 24).
    plain: Lossless resolution is the bit depth of a file that keeps every sample as it was
    exported; 0 means a lossy codec threw part of the sound away.
    look: the export dialog: file type (WAV or FLAC, not MP3) and bit depth (24-bit or 32-bit
    float).
    ignore: how it sounds on your speakers: a lossy file can sound fine and still fail the delivery
    spec.
)";

constexpr TableColumn kColumns[] = {
    column<&Analysis::delivery, &DeliveryResult::sample_rate_hz>("rate", 6),
    column<&Analysis::delivery, &DeliveryResult::bit_depth>("bits", 4),
    column<&Analysis::delivery, &DeliveryResult::sample_format>("format", 6),
    column<&Analysis::delivery, &DeliveryResult::channels>("ch", 2),
    column<&Analysis::delivery, &DeliveryResult::duration_s>("dur s", 6),
};

nlohmann::ordered_json json(const Analysis& a, const JsonOptions&) {
  const DeliveryResult& d = *a.delivery;
  nlohmann::ordered_json j;
  j["sample_rate_hz"] = d.sample_rate_hz;
  j["bit_depth"] = d.bit_depth ? nlohmann::ordered_json(*d.bit_depth) : nullptr;
  j["sample_format"] = d.sample_format;
  j["channels"] = d.channels;
  j["duration_s"] = json_number(d.duration_s, 3);
  j["lossy"] = d.lossy ? nlohmann::ordered_json(*d.lossy) : nullptr;
  j["lossless_bits"] = d.lossless_bits ? nlohmann::ordered_json(*d.lossless_bits) : nullptr;
  return j;
}

}  // namespace

extern const AnalyserDescriptor delivery_analyser =  // listed in registry.cpp
    describe<&Analysis::delivery>("delivery", kMetricDocs, kColumns,
                                  make_analyser<DeliveryAnalyser>, json);

}  // namespace mixgrade
