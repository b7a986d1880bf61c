#include "noise.hpp"

#include <fftw3.h>

#include <cmath>
#include <complex>
#include <numbers>
#include <random>
#include <vector>

namespace mixgrade::test {

Signal pink_noise(double rms_dbfs, unsigned log2_frames, int rate, int channels, unsigned seed) {
  const std::size_t n = std::size_t{1} << log2_frames;
  const std::size_t bins = n / 2 + 1;
  const double width = double(rate) / double(n);
  const double rms = db_to_amplitude(rms_dbfs);
  std::vector<std::complex<float>> spectrum(bins);
  std::vector<float> wave(n);
  // The test tool is single-threaded, so planning here needs no lock.
  fftwf_plan plan =
      fftwf_plan_dft_c2r_1d(static_cast<int>(n), reinterpret_cast<fftwf_complex*>(spectrum.data()),
                            wave.data(), FFTW_ESTIMATE);
  Signal s{rate, channels, std::vector<float>(n * std::size_t(channels))};
  std::mt19937 gen(seed);
  std::uniform_real_distribution<double> phase(0.0, 2.0 * std::numbers::pi);
  for (int c = 0; c < channels; ++c) {
    for (std::size_t k = 0; k < bins; ++k) {
      const double f = double(k) * width;
      const double magnitude = (f >= 10.0 && k < bins - 1) ? 1.0 / std::sqrt(f) : 0.0;
      spectrum[k] = std::polar(float(magnitude), float(phase(gen)));
    }
    fftwf_execute(plan);
    double sum = 0.0;
    for (float v : wave) sum += double(v) * v;
    const double gain = rms / std::sqrt(sum / double(n));
    for (std::size_t i = 0; i < n; ++i)
      s.samples[i * std::size_t(channels) + std::size_t(c)] = float(wave[i] * gain);
  }
  fftwf_destroy_plan(plan);
  return s;
}

}  // namespace mixgrade::test
