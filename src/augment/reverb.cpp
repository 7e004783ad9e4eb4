// Room reverb: FFT convolution (FFTW3f) with a synthetic exponentially decaying noise tail.
#include <fftw3.h>

#include <algorithm>
#include <cmath>
#include <complex>
#include <mutex>

#include "augment/transforms.h"
#include "common/rng.h"
#include "features/fftw_planner.h"

namespace esc50::augment {
namespace {

// Noise with amplitude exp(-6.91 t / rt60), i.e. -60 dB at t = rt60, unit energy.
std::vector<float> decaying_impulse_response(int sample_rate, double rt60_s, uint64_t seed) {
  const size_t length = std::max<size_t>(1, size_t(rt60_s * sample_rate));
  const double decay_per_sample = std::log(1000.0) / (rt60_s * sample_rate);
  Rng rng(seed);
  std::vector<float> h(length);
  double energy = 0;
  for (size_t i = 0; i < length; ++i) {
    h[i] = float(rng.normal() * std::exp(-decay_per_sample * double(i)));
    energy += double(h[i]) * h[i];
  }
  const double norm = 1.0 / std::sqrt(std::max(energy, 1e-30));
  for (auto& v : h) v = float(v * norm);
  return h;
}

size_t next_power_of_two(size_t n) {
  size_t p = 1;
  while (p < n) p <<= 1;
  return p;
}

// The first x.size() samples of x * h.
std::vector<float> convolve_prefix(std::span<const float> x, std::span<const float> h) {
  const size_t n = next_power_of_two(x.size() + h.size() - 1);
  const size_t bins = n / 2 + 1;
  std::vector<float> a(n, 0.0f), b(n, 0.0f);
  std::copy(x.begin(), x.end(), a.begin());
  std::copy(h.begin(), h.end(), b.begin());
  std::vector<std::complex<float>> fa(bins), fb(bins);
  auto* ca = reinterpret_cast<fftwf_complex*>(fa.data());
  auto* cb = reinterpret_cast<fftwf_complex*>(fb.data());
  fftwf_plan pa, pb, inverse;
  {
    const auto lock = features::lock_fftw_planner();
    pa = fftwf_plan_dft_r2c_1d(int(n), a.data(), ca, FFTW_ESTIMATE);
    pb = fftwf_plan_dft_r2c_1d(int(n), b.data(), cb, FFTW_ESTIMATE);
    inverse = fftwf_plan_dft_c2r_1d(int(n), ca, a.data(), FFTW_ESTIMATE);
  }
  fftwf_execute(pa);
  fftwf_execute(pb);
  for (size_t k = 0; k < bins; ++k) fa[k] *= fb[k] / float(n);
  fftwf_execute(inverse);
  {
    const auto lock = features::lock_fftw_planner();
    fftwf_destroy_plan(pa);
    fftwf_destroy_plan(pb);
    fftwf_destroy_plan(inverse);
  }
  a.resize(x.size());
  return a;
}

}  // namespace

Samples reverb(std::span<const float> x, int sample_rate, double rt60_s, double wet,
               uint64_t seed) {
  if (x.empty() || rt60_s <= 0) return Samples(x.begin(), x.end());
  const auto h = decaying_impulse_response(sample_rate, rt60_s, seed);
  Samples out = convolve_prefix(x, h);
  for (size_t i = 0; i < out.size(); ++i) out[i] = float(wet * out[i] + (1.0 - wet) * x[i]);
  return out;
}

}  // namespace esc50::augment
