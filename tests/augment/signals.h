#pragma once
// Synthetic test signals and measurements shared by the augmentation tests.
#include <cmath>
#include <cstdint>
#include <numbers>
#include <span>
#include <vector>

#include "common/rng.h"

namespace esc50::augment::test {

constexpr int kRate = 22050;

inline std::vector<float> sine(double hz, double seconds, double amplitude = 0.5) {
  std::vector<float> x(size_t(seconds * kRate));
  for (size_t i = 0; i < x.size(); ++i)
    x[i] = float(amplitude * std::sin(2.0 * std::numbers::pi * hz * double(i) / kRate));
  return x;
}

inline std::vector<float> white_noise(double seconds, uint64_t seed, double sigma = 0.2) {
  Rng rng(seed);
  std::vector<float> x(size_t(seconds * kRate));
  for (auto& v : x) v = float(sigma * rng.normal());
  return x;
}

// Silence, then a decaying 1 kHz burst from `onset_s` on: a sharp, unambiguous onset.
inline std::vector<float> burst_at(double onset_s, double seconds) {
  std::vector<float> x(size_t(seconds * kRate), 0.0f);
  for (size_t i = size_t(onset_s * kRate); i < x.size(); ++i) {
    const double t = double(i) / kRate - onset_s;
    x[i] = float(0.8 * std::exp(-t / 0.3) * std::sin(2.0 * std::numbers::pi * 1000.0 * t));
  }
  return x;
}

// First time the magnitude reaches `fraction` of the peak.
inline double onset_seconds(std::span<const float> x, double fraction = 0.25) {
  float peak = 0;
  for (float v : x) peak = std::max(peak, std::abs(v));
  for (size_t i = 0; i < x.size(); ++i)
    if (std::abs(x[i]) >= fraction * peak) return double(i) / kRate;
  return -1;
}

// Frequency from rising zero crossings (linearly interpolated) over [from, to) samples.
inline double zero_crossing_frequency(std::span<const float> x, size_t from, size_t to) {
  double first = -1, last = -1;
  int crossings = 0;
  for (size_t i = from + 1; i < to; ++i) {
    if (x[i - 1] < 0 && x[i] >= 0) {
      const double t = double(i - 1) + x[i - 1] / (x[i - 1] - x[i]);
      if (first < 0) first = t;
      last = t;
      ++crossings;
    }
  }
  return crossings > 1 ? (crossings - 1) * kRate / (last - first) : 0.0;
}

inline double rms_db(std::span<const float> x) {
  double sum = 0;
  for (float v : x) sum += double(v) * v;
  return 10.0 * std::log10(sum / double(x.size()));
}

inline bool all_finite(std::span<const float> x) {
  for (float v : x)
    if (!std::isfinite(v)) return false;
  return true;
}

}  // namespace esc50::augment::test
