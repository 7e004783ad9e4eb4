#include "augment/perturbations.h"

#include <algorithm>
#include <cmath>

#include "audio/audio.h"
#include "common/error.h"
#include "common/rng.h"

namespace esc50::augment {
namespace {

// The loudest second of the clip, at a random position in silence.
Samples short_event(std::span<const float> x, int sample_rate, uint64_t seed) {
  Rng rng(seed);
  return isolate_event(x, sample_rate, 1.0, rng.uniform());
}

// Pink (1/f) noise: white noise through a sum of first-order low-passes whose corners are
// spread over the audio band (Paul Kellet's published "refined" coefficients, within
// ±0.05 dB of 1/f above 9 Hz).
Samples pink_noise(size_t n, uint64_t seed) {
  static constexpr double kPole[] = {0.99886, 0.99332, 0.96900, 0.86650, 0.55000, -0.7616};
  static constexpr double kGain[] = {0.0555179, 0.0750759, 0.1538520, 0.3104856, 0.5329522, -0.0168980};
  double state[6] = {};
  Rng rng(seed);
  Samples out(n);
  double previous_white = 0;
  for (auto& v : out) {
    const double white = rng.normal();
    double sum = white * 0.5362 + previous_white * 0.115926;
    for (int k = 0; k < 6; ++k) {
      state[k] = kPole[k] * state[k] + kGain[k] * white;
      sum += state[k];
    }
    previous_white = white;
    v = float(sum);
  }
  return out;
}

// Through a telephone line: 8 kHz sampling, 300-3400 Hz band, back to the clip's rate.
Samples telephone(std::span<const float> x, int sample_rate) {
  constexpr int kLineRate = 8000;
  auto line = audio::resample(x, sample_rate, kLineRate);
  line = highpass(lowpass(line, kLineRate, 3400), kLineRate, 300);
  auto out = audio::resample(line, kLineRate, sample_rate);
  audio::fit_length(out, x.size());
  return out;
}

// 30 dB quieter, over a white noise floor at -60 dBFS RMS.
Samples quiet(std::span<const float> x, uint64_t seed) {
  Samples out = apply_gain(x, -30);
  Rng rng(seed);
  const double floor_rms = std::pow(10.0, -60.0 / 20.0);
  for (auto& v : out) v = float(v + floor_rms * rng.normal());
  return out;
}

}  // namespace

const std::vector<Perturbation>& perturbations() {
  static const std::vector<Perturbation> all = {
      {"short_event", "the loudest 1 s of the clip at a random position, silence elsewhere"},
      {"noise", "pink noise at 10 dB SNR"},
      {"telephone", "8 kHz sampling, band-limited to 300-3400 Hz"},
      {"quiet", "-30 dB, over a white noise floor at -60 dBFS"},
      {"room", "reverb with RT60 0.8 s, half wet"},
  };
  return all;
}

Samples perturb(const std::string& name, std::span<const float> x, int sample_rate, uint64_t seed) {
  if (name == "short_event") return short_event(x, sample_rate, seed);
  if (name == "noise") return mix_at_snr(x, pink_noise(x.size(), seed), 10);
  if (name == "telephone") return telephone(x, sample_rate);
  if (name == "quiet") return quiet(x, seed);
  if (name == "room") return reverb(x, sample_rate, 0.8, 0.5, seed);
  std::string known;
  for (const auto& p : perturbations()) known += (known.empty() ? "" : ", ") + p.name;
  throw Error("unknown perturbation '" + name + "' (" + known + ")");
}

}  // namespace esc50::augment
