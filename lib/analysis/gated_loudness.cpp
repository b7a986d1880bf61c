#include "analysis/gated_loudness.hpp"

#include <cmath>
#include <numbers>

namespace mixgrade {
namespace {

// BS.1770-4: loudness of a block is -0.691 + 10 log10(sum of G z), so the absolute gate of
// -70 LUFS is this mean square.
const double kAbsoluteGateEnergy = std::pow(10.0, (-70.0 + 0.691) / 10.0);
constexpr double kRelativeGateFactor = 0.1;  // -10 LU

}  // namespace

GatedLoudness::GatedLoudness(int sample_rate, double weight) : weight_(weight) {
  // The two stages of BS.1770-4 Annex 1 (tables 1 and 2 give them at 48 kHz) from their analogue
  // prototypes by the bilinear transform, so that every sample rate gets its own: the shelf
  // (f0, gain, Q) and the RLB high-pass (f0, Q), with the constants libebur128 derives them from.
  const double rate = sample_rate;
  double k = std::tan(std::numbers::pi * 1681.974450955533 / rate);
  double q = 0.7071752369554196;
  const double vh = std::pow(10.0, 3.999843853973347 / 20.0);
  const double vb = std::pow(vh, 0.4996667741545416);
  const double a0 = 1.0 + k / q + k * k;
  const double pb[3] = {(vh + vb * k / q + k * k) / a0, 2.0 * (k * k - vh) / a0,
                        (vh - vb * k / q + k * k) / a0};
  const double pa[3] = {1.0, 2.0 * (k * k - 1.0) / a0, (1.0 - k / q + k * k) / a0};
  k = std::tan(std::numbers::pi * 38.13547087602444 / rate);
  q = 0.5003270373238773;
  const double rb[3] = {1.0, -2.0, 1.0};
  const double ra[3] = {1.0, 2.0 * (k * k - 1.0) / (1.0 + k / q + k * k),
                        (1.0 - k / q + k * k) / (1.0 + k / q + k * k)};
  // The cascade as one 4th-order filter: the polynomial products.
  for (int i = 0; i < 3; ++i)
    for (int j = 0; j < 3; ++j) {
      b_[i + j] += pb[i] * rb[j];
      a_[i + j] += pa[i] * ra[j];
    }
  step_frames_ = (static_cast<std::size_t>(sample_rate) + 5) / 10;
}

void GatedLoudness::close_step() {
  step_energies_[steps_ % 4] = step_energy_;
  ++steps_;
  step_energy_ = 0.0;
  step_filled_ = 0;
  if (steps_ < 4) return;  // the first block ends at 400 ms, then one every 100 ms
  const double z = weight_ *
                   (step_energies_[0] + step_energies_[1] + step_energies_[2] + step_energies_[3]) /
                   double(4 * step_frames_);
  if (z >= kAbsoluteGateEnergy) blocks_.push_back(z);
}

std::optional<double> GatedLoudness::integrated_lufs() const {
  if (blocks_.empty()) return std::nullopt;
  double sum = 0.0;
  for (double z : blocks_) sum += z;
  const double relative_gate = kRelativeGateFactor * sum / double(blocks_.size());
  double gated = 0.0;
  std::size_t count = 0;
  for (double z : blocks_)
    if (z >= relative_gate) {
      gated += z;
      ++count;
    }
  if (count == 0) return std::nullopt;
  return 10.0 * std::log10(gated / double(count)) - 0.691;
}

}  // namespace mixgrade
