// Transforms that change level or position only: noise, gain, shift, event isolation.
#include <algorithm>
#include <cmath>

#include "augment/transforms.h"
#include "common/rng.h"

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

Samples isolate_event(std::span<const float> x, int sample_rate, double seconds, double position) {
  const size_t len = std::min(x.size(), size_t(std::max(0L, std::lround(seconds * sample_rate))));
  if (len == 0) return Samples(x.size(), 0.0f);
  double energy = 0, best = -1;
  size_t best_start = 0;
  for (size_t i = 0; i < x.size(); ++i) {  // sliding sum of squares over `len` samples
    energy += double(x[i]) * x[i];
    if (i >= len) energy -= double(x[i - len]) * x[i - len];
    if (i + 1 >= len && energy > best) {
      best = energy;
      best_start = i + 1 - len;
    }
  }
  Samples out(x.size(), 0.0f);
  const size_t room = x.size() - len;
  const size_t at = std::min(room, size_t(std::clamp(position, 0.0, 1.0) * double(room + 1)));
  std::copy_n(x.begin() + long(best_start), len, out.begin() + long(at));
  return out;
}

}  // namespace esc50::augment
