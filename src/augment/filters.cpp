// Butterworth low- and high-pass as cascades of biquads (RBJ bilinear design with pre-warping, one
// section per conjugate pole pair) and the "distance" effect built on it.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "augment/transforms.h"

namespace esc50::augment {
namespace {

constexpr int kButterworthOrder = 8;

struct Biquad {
  double b0, b1, b2, a1, a2;  // normalised by a0

  static Biquad lowpass(double cutoff_hz, int sample_rate, double q) {
    const double w0 = 2.0 * std::numbers::pi * cutoff_hz / sample_rate;
    const double alpha = std::sin(w0) / (2.0 * q);
    const double c = std::cos(w0);
    const double a0 = 1.0 + alpha;
    return {(1.0 - c) / 2.0 / a0, (1.0 - c) / a0, (1.0 - c) / 2.0 / a0, -2.0 * c / a0,
            (1.0 - alpha) / a0};
  }

  static Biquad highpass(double cutoff_hz, int sample_rate, double q) {
    const double w0 = 2.0 * std::numbers::pi * cutoff_hz / sample_rate;
    const double alpha = std::sin(w0) / (2.0 * q);
    const double c = std::cos(w0);
    const double a0 = 1.0 + alpha;
    return {(1.0 + c) / 2.0 / a0, -(1.0 + c) / a0, (1.0 + c) / 2.0 / a0, -2.0 * c / a0,
            (1.0 - alpha) / a0};
  }

  // Transposed direct form II, double-precision state.
  void run(std::vector<double>& x) const {
    double s1 = 0, s2 = 0;
    for (auto& v : x) {
      const double in = v;
      const double out = b0 * in + s1;
      s1 = b1 * in - a1 * out + s2;
      s2 = b2 * in - a2 * out;
      v = out;
    }
  }
};

// Q of each second-order section of an even-order Butterworth filter.
std::vector<double> butterworth_qs(int order) {
  std::vector<double> qs;
  for (int k = 0; k < order / 2; ++k)
    qs.push_back(1.0 / (2.0 * std::cos(std::numbers::pi * (2 * k + 1) / (2.0 * order))));
  return qs;
}

void run_cascade(std::vector<double>& x, double cutoff_hz, int sample_rate, bool high) {
  for (double q : butterworth_qs(kButterworthOrder))
    (high ? Biquad::highpass(cutoff_hz, sample_rate, q) : Biquad::lowpass(cutoff_hz, sample_rate, q)).run(x);
}

// Forward then backward: zero phase, so mixing with the dry signal cannot comb-filter, and
// twice the attenuation in dB of a single pass.
Samples zero_phase(std::span<const float> x, int sample_rate, double cutoff_hz, bool high) {
  const double nyquist_safe = 0.49 * sample_rate;
  const double cutoff = std::clamp(cutoff_hz, 1.0, nyquist_safe);
  std::vector<double> y(x.begin(), x.end());
  run_cascade(y, cutoff, sample_rate, high);
  std::reverse(y.begin(), y.end());
  run_cascade(y, cutoff, sample_rate, high);
  std::reverse(y.begin(), y.end());
  return Samples(y.begin(), y.end());
}

}  // namespace

Samples lowpass(std::span<const float> x, int sample_rate, double cutoff_hz) {
  return zero_phase(x, sample_rate, cutoff_hz, false);
}

Samples highpass(std::span<const float> x, int sample_rate, double cutoff_hz) {
  return zero_phase(x, sample_rate, cutoff_hz, true);
}

Samples band_limit(std::span<const float> x, int sample_rate, double low_hz, double high_hz) {
  Samples out(x.begin(), x.end());
  if (high_hz > 0 && high_hz < 0.49 * sample_rate) out = lowpass(out, sample_rate, high_hz);
  if (low_hz > 0) out = highpass(out, sample_rate, low_hz);
  return out;
}

Samples distance(std::span<const float> x, int sample_rate, double cutoff_hz, double wet) {
  Samples out = lowpass(x, sample_rate, cutoff_hz);
  for (size_t i = 0; i < out.size(); ++i) out[i] = float(wet * out[i] + (1.0 - wet) * x[i]);
  return out;
}

}  // namespace esc50::augment
