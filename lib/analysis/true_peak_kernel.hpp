#pragma once
// The true-peak meter's inner loop (true_peak.hpp): max over phases and outputs of |FIR output|,
// vectorised with Highway and dispatched at run time to the best instruction set the CPU has
// (SSE2 to AVX-512), so one portable binary uses the whole machine. Multiplies and adds are kept
// apart (no fused multiply-add; the file is built with -ffp-contract=off) and summed in the same
// order as the scalar reference, so every target gives the scalar answer bit for bit.
#include <cstddef>

namespace mixgrade {

// x holds frames + taps - 1 samples; output n of phase p is sum_k h_p[k] x[n + taps - 1 - k],
// with the phases' taps one after another in `taps` (phases * kernel_taps values).
float true_peak_kernel(const float* x, std::size_t frames, const float* taps, std::size_t phases);
// The same, one output at a time: the reference the tests hold every target to.
float true_peak_kernel_scalar(const float* x, std::size_t frames, const float* taps,
                              std::size_t phases);
// The name of the instruction set the dispatch picks now ("AVX3", "AVX2", "SSE4", ...).
const char* true_peak_kernel_target();

inline constexpr std::size_t kTruePeakKernelTaps = 12;

}  // namespace mixgrade
