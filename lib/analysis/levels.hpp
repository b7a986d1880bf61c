#pragma once
// Conversions between linear values and decibels, with silence as "no value" rather than -inf.
#include <cmath>
#include <optional>

namespace mixgrade {

// 20*log10 of an amplitude; no value for zero (digital silence has no level).
inline std::optional<double> amplitude_db(double amplitude) {
  if (!(amplitude > 0.0) || !std::isfinite(amplitude)) return std::nullopt;
  return 20.0 * std::log10(amplitude);
}

// 10*log10 of a power or energy; no value for zero.
inline std::optional<double> power_db(double power) {
  if (!(power > 0.0) || !std::isfinite(power)) return std::nullopt;
  return 10.0 * std::log10(power);
}

// BS.1770-4 eq. 2: loudness of a K-weighted, channel-weighted mean square.
inline std::optional<double> energy_lufs(double energy) {
  const auto db = power_db(energy);
  if (!db) return std::nullopt;
  return -0.691 + *db;
}

inline double lufs_energy(double lufs) {
  return std::pow(10.0, (lufs + 0.691) / 10.0);
}

}  // namespace mixgrade
