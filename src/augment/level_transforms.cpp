// Transforms that change level or position only: noise, gain, shift.
#include <cmath>

#include "augment/rng.h"
#include "augment/transforms.h"

namespace esc50::augment {

double mean_power(std::span<const float> x) {
  if (x.empty()) return 0.0;
  double sum = 0;
  for (float v : x) sum += double(v) * v;
  return sum / double(x.size());
}

Samples add_noise(std::span<const float> x, double snr_db, uint64_t seed) {
  Samples out(x.begin(), x.end());
  const double noise_rms = std::sqrt(mean_power(x) * std::pow(10.0, -snr_db / 10.0));
  if (noise_rms == 0) return out;
  Rng rng(seed);
  for (auto& v : out) v = float(v + noise_rms * rng.normal());
  return out;
}

Samples apply_gain(std::span<const float> x, double gain_db) {
  const double g = std::pow(10.0, gain_db / 20.0);
  Samples out(x.size());
  for (size_t i = 0; i < x.size(); ++i) out[i] = float(x[i] * g);
  return out;
}

Samples time_shift(std::span<const float> x, int sample_rate, double shift_s) {
  const long n = long(x.size());
  const long shift = std::lround(shift_s * sample_rate);
  Samples out(x.size(), 0.0f);
  for (long i = 0; i < n; ++i) {
    const long src = i - shift;
    if (src >= 0 && src < n) out[size_t(i)] = x[size_t(src)];
  }
  return out;
}

}  // namespace esc50::augment
