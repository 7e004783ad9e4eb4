// Ambience beds mixed under a clip: outdoor (wind/traffic rumble) and indoor (hum + room tone).
#include <cmath>
#include <numbers>

#include "augment/transforms.h"
#include "common/rng.h"

namespace esc50::augment {
namespace {

Samples gaussian_noise(size_t n, Rng& rng) {
  Samples noise(n);
  for (auto& v : noise) v = float(rng.normal());
  return noise;
}

}  // namespace

Samples mix_at_snr(std::span<const float> x, const Samples& bed, double snr_db) {
  Samples out(x.begin(), x.end());
  const double bed_power = mean_power(bed);
  if (bed_power == 0) return out;
  const double scale = std::sqrt(mean_power(x) * std::pow(10.0, -snr_db / 10.0) / bed_power);
  for (size_t i = 0; i < out.size(); ++i) out[i] = float(out[i] + scale * bed[i]);
  return out;
}

Samples ambience_outdoor(std::span<const float> x, int sample_rate, double snr_db,
                         uint64_t seed) {
  Rng rng(seed);
  const double cutoff_hz = rng.uniform(200.0, 1200.0);  // rumble of wind or distant traffic
  const double drift_hz = rng.uniform(0.1, 0.5);        // gusts / passing vehicles
  const double drift_phase = rng.uniform(0.0, 2.0 * std::numbers::pi);
  Samples bed = lowpass(gaussian_noise(x.size(), rng), sample_rate, cutoff_hz);
  for (size_t i = 0; i < bed.size(); ++i) {
    const double t = double(i) / sample_rate;
    bed[i] = float(bed[i] * (1.0 + 0.5 * std::sin(2.0 * std::numbers::pi * drift_hz * t +
                                                   drift_phase)));
  }
  return mix_at_snr(x, bed, snr_db);
}

Samples ambience_indoor(std::span<const float> x, int sample_rate, double snr_db,
                        double hum_hz, uint64_t seed) {
  Rng rng(seed);
  Samples bed(x.size(), 0.0f);
  constexpr double kHarmonicLevels[] = {1.0, 0.5, 0.3, 0.2};
  for (int k = 0; k < 4; ++k) {
    const double f = hum_hz * (k + 1);
    if (f >= 0.5 * sample_rate) break;
    const double phase = rng.uniform(0.0, 2.0 * std::numbers::pi);
    for (size_t i = 0; i < bed.size(); ++i)
      bed[i] += float(kHarmonicLevels[k] *
                      std::sin(2.0 * std::numbers::pi * f * double(i) / sample_rate + phase));
  }
  // Room tone: a low-passed noise floor 10 dB under the hum.
  const Samples tone = lowpass(gaussian_noise(x.size(), rng), sample_rate, 300.0);
  const double tone_power = mean_power(tone);
  const double tone_scale =
      tone_power > 0 ? std::sqrt(0.1 * mean_power(bed) / tone_power) : 0.0;
  for (size_t i = 0; i < bed.size(); ++i) bed[i] = float(bed[i] + tone_scale * tone[i]);
  return mix_at_snr(x, bed, snr_db);
}

}  // namespace esc50::augment
