// Highway's dynamic dispatch: this file is compiled once per target by foreach_target.h.
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "analysis/true_peak_kernel.cpp"
#include <hwy/foreach_target.h>  // must come before highway.h
#include <hwy/highway.h>

#include <algorithm>
#include <cmath>

#include "analysis/true_peak_kernel.hpp"

HWY_BEFORE_NAMESPACE();
namespace mixgrade::HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

constexpr std::size_t kTaps = kTruePeakKernelTaps;

float PeakOfPhases(const float* x, std::size_t frames, const float* taps, std::size_t phases) {
  const hn::ScalableTag<float> d;
  const std::size_t lanes = hn::Lanes(d);
  auto peak = hn::Zero(d);
  float tail_peak = 0.0f;
  for (std::size_t p = 0; p < phases; ++p) {
    const float* h = taps + p * kTaps;
    std::size_t n = 0;
    // Outputs n .. n + lanes - 1 at once, each summed over k in the scalar order.
    for (; n + lanes <= frames; n += lanes) {
      auto y = hn::Zero(d);
      for (std::size_t k = 0; k < kTaps; ++k)
        y = hn::Add(y, hn::Mul(hn::Set(d, h[k]), hn::LoadU(d, x + n + kTaps - 1 - k)));
      peak = hn::Max(peak, hn::Abs(y));
    }
    for (; n < frames; ++n) {
      float y = 0.0f;
      for (std::size_t k = 0; k < kTaps; ++k) y += h[k] * x[n + kTaps - 1 - k];
      tail_peak = std::max(tail_peak, std::fabs(y));
    }
  }
  return std::max(tail_peak, hn::GetLane(hn::MaxOfLanes(d, peak)));
}

const char* TargetName() {
  return hwy::TargetName(HWY_TARGET);
}

}  // namespace mixgrade::HWY_NAMESPACE
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace mixgrade {

HWY_EXPORT(PeakOfPhases);
HWY_EXPORT(TargetName);

float true_peak_kernel(const float* x, std::size_t frames, const float* taps, std::size_t phases) {
  return HWY_DYNAMIC_DISPATCH(PeakOfPhases)(x, frames, taps, phases);
}

const char* true_peak_kernel_target() {
  return HWY_DYNAMIC_DISPATCH(TargetName)();
}

float true_peak_kernel_scalar(const float* x, std::size_t frames, const float* taps,
                              std::size_t phases) {
  float peak = 0.0f;
  for (std::size_t p = 0; p < phases; ++p) {
    const float* h = taps + p * kTruePeakKernelTaps;
    for (std::size_t n = 0; n < frames; ++n) {
      float y = 0.0f;
      for (std::size_t k = 0; k < kTruePeakKernelTaps; ++k)
        y += h[k] * x[n + kTruePeakKernelTaps - 1 - k];
      peak = std::max(peak, std::fabs(y));
    }
  }
  return peak;
}

}  // namespace mixgrade
#endif
