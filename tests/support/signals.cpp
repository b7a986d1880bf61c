#include "signals.hpp"

#include <sndfile.h>

#include <cmath>
#include <numbers>
#include <random>
#include <stdexcept>

namespace mixgrade::test {

Signal& Signal::append(const Signal& other) {
  if (other.rate != rate || other.channels != channels)
    throw std::logic_error("append: signals differ in rate or channels");
  samples.insert(samples.end(), other.samples.begin(), other.samples.end());
  return *this;
}

AudioFormat Signal::format() const {
  return {.container = "memory",
          .encoding = "float32",
          .sample_rate = rate,
          .channels = channels,
          .frames = static_cast<std::int64_t>(frames())};
}

double db_to_amplitude(double db) {
  return std::pow(10.0, db / 20.0);
}

Signal sine(double freq_hz, double peak_dbfs, double seconds, int rate, int channels,
            double phase_rad) {
  Signal s{rate, channels, {}};
  const auto n = static_cast<std::size_t>(std::llround(seconds * rate));
  const double a = db_to_amplitude(peak_dbfs);
  s.samples.resize(n * static_cast<std::size_t>(channels));
  for (std::size_t i = 0; i < n; ++i) {
    const auto v = static_cast<float>(
        a * std::sin(2.0 * std::numbers::pi * freq_hz * double(i) / rate + phase_rad));
    for (int c = 0; c < channels; ++c) s.samples[i * std::size_t(channels) + std::size_t(c)] = v;
  }
  return s;
}

Signal sine_per_channel(double freq_hz, const std::vector<double>& peak_dbfs, double seconds,
                        int rate) {
  const int channels = static_cast<int>(peak_dbfs.size());
  Signal s = sine(freq_hz, 0.0, seconds, rate, channels);
  for (std::size_t i = 0; i < s.samples.size(); ++i) {
    const double level = peak_dbfs[i % peak_dbfs.size()];
    s.samples[i] =
        std::isfinite(level) ? static_cast<float>(s.samples[i] * db_to_amplitude(level)) : 0.0f;
  }
  return s;
}

Signal silence(double seconds, int rate, int channels) {
  Signal s{rate, channels, {}};
  s.samples.assign(static_cast<std::size_t>(std::llround(seconds * rate)) * std::size_t(channels),
                   0.0f);
  return s;
}

Signal white_noise(double amplitude, double seconds, int rate, int channels, unsigned seed) {
  Signal s{rate, channels, {}};
  std::mt19937 gen(seed);
  std::uniform_real_distribution<float> dist(-1.0f, 1.0f);
  s.samples.resize(static_cast<std::size_t>(std::llround(seconds * rate)) * std::size_t(channels));
  for (auto& x : s.samples) x = static_cast<float>(amplitude) * dist(gen);
  return s;
}

void fade(Signal& s, double seconds) {
  const auto n = std::min(s.frames() / 2, static_cast<std::size_t>(seconds * s.rate));
  const auto ch = static_cast<std::size_t>(s.channels);
  for (std::size_t i = 0; i < n; ++i) {
    const float g = float(i) / float(n);
    for (std::size_t c = 0; c < ch; ++c) {
      s.samples[i * ch + c] *= g;
      s.samples[(s.frames() - 1 - i) * ch + c] *= g;
    }
  }
}

Analysis analyse_signal(const Signal& s, std::size_t block_frames, AnalysisOptions options) {
  options.block_frames = block_frames == 0 ? std::max<std::size_t>(1, s.frames()) : block_frames;
  std::size_t pos = 0;
  const auto ch = static_cast<std::size_t>(s.channels);
  return analyse(
      "signal", s.format(),
      [&](std::size_t max_frames) {
        const std::size_t n = std::min(max_frames, s.frames() - pos);
        std::span<const float> block(s.samples.data() + pos * ch, n * ch);
        pos += n;
        return block;
      },
      options);
}

void write_file(const std::filesystem::path& path, const Signal& s, int sf_format) {
  SF_INFO info{};
  info.samplerate = s.rate;
  info.channels = s.channels;
  info.format = sf_format;
  SNDFILE* f = sf_open(path.c_str(), SFM_WRITE, &info);
  if (f == nullptr)
    throw std::runtime_error("cannot write " + path.string() + ": " + sf_strerror(nullptr));
  // Keep float-to-int conversion clipping rather than wrapping, as a DAW bounce would.
  sf_command(f, SFC_SET_CLIPPING, nullptr, SF_TRUE);
  sf_writef_float(f, s.samples.data(), static_cast<sf_count_t>(s.frames()));
  sf_close(f);
}

TempDir::TempDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "mixgrade-test-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace mixgrade::test
