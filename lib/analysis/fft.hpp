#pragma once
// A real-input forward FFT of fixed size on FFTW3 (single precision), planned once and reused
// (the shape of chromaprint's src/fft_lib_fftw3.cpp: one small class hides the library).
#include <complex>
#include <cstddef>
#include <memory>
#include <span>

namespace mixgrade {

class RealFft {
 public:
  explicit RealFft(std::size_t size);
  ~RealFft();
  RealFft(const RealFft&) = delete;
  RealFft& operator=(const RealFft&) = delete;

  std::size_t size() const { return size_; }
  // Fill this with `size()` samples, then call forward().
  std::span<float> input();
  // The size()/2 + 1 non-negative-frequency bins of the transform of input() (unnormalised).
  std::span<const std::complex<float>> forward();

 private:
  struct Plan;  // owns the FFTW plan and its aligned buffers
  std::size_t size_;
  std::unique_ptr<Plan> plan_;
};

}  // namespace mixgrade
