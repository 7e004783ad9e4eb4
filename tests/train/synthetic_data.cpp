#include "synthetic_data.h"

#include <cmath>
#include <cstring>
#include <numbers>
#include <random>

namespace esc50::test {
namespace {

constexpr int kRate = 8000;

features::FeatureSettings synthetic_features() {
  features::FeatureSettings s;
  s.sample_rate = kRate;
  s.clip_seconds = 1.0;
  s.n_fft = 256;
  s.hop_length = 128;
  s.n_mels = 32;
  return s;
}

std::vector<float> render(int kind, std::mt19937_64& rng) {
  std::uniform_real_distribution<double> u(0, 1);
  std::normal_distribution<double> noise(0, 1);
  std::vector<float> x(kRate, 0.0f);
  const double level = 0.1 + 0.4 * u(rng);
  // Chirps sweep at least 1200 Hz, so no chirp is a tone in disguise.
  const double f0 = 200 + 1300 * u(rng), f1 = f0 + 1200 + 1000 * u(rng);
  const int burst_start = int(u(rng) * kRate * 0.6), burst_len = int(kRate * (0.1 + 0.2 * u(rng)));
  double phase = 0;
  for (int i = 0; i < kRate; ++i) {
    const double t = double(i) / kRate;
    const double background = 0.003 * noise(rng);
    if (kind == 0) {
      x[i] = float(level * std::sin(2 * std::numbers::pi * f0 * t) + background);
    } else if (kind == 1) {
      const bool on = i >= burst_start && i < burst_start + burst_len;
      x[i] = float((on ? level * noise(rng) : 0.0) + background);
    } else {
      phase += 2 * std::numbers::pi * (f0 + (f1 - f0) * t) / kRate;
      x[i] = float(level * std::sin(phase) + background);
    }
  }
  return x;
}

}  // namespace

train::TrainingData synthetic_dataset(int per_class, uint64_t seed) {
  train::TrainingData data;
  data.feature_settings = synthetic_features();
  data.class_names = {"tone", "noise_burst", "chirp"};
  features::LogMelExtractor extractor(data.feature_settings);
  std::mt19937_64 rng(seed);
  std::vector<features::Spectrogram> specs;
  for (int i = 0; i < per_class; ++i) {
    for (int kind = 0; kind < 3; ++kind) {
      specs.push_back(extractor.compute(render(kind, rng)));
      data.targets.push_back(kind);
      data.stems.push_back("synthetic-" + std::to_string(kind) + "-" + std::to_string(i));
      data.folds.push_back(1 + i % 5);
    }
  }
  data.features = torch::empty({int64_t(specs.size()), 1, specs[0].n_mels, specs[0].n_frames});
  for (size_t i = 0; i < specs.size(); ++i)
    std::memcpy(data.features[int64_t(i)].data_ptr<float>(), specs[i].values.data(),
                specs[i].values.size() * sizeof(float));
  return data;
}

train::RunConfig synthetic_config(int epochs) {
  train::RunConfig c;
  c.features = synthetic_features();
  c.model = "esc50net";
  c.model_settings = {{"width", 8}, {"blocks", 3}, {"dropout", 0.1}};
  c.protocol = "official";
  c.fold = 1;
  c.seed = 5;
  c.data = "synthetic";
  c.train.epochs = epochs;
  c.train.batch_size = 16;
  c.train.lr = 3e-3;
  c.train.warmup_epochs = 1;
  c.train.precision = "fp32";
  c.train.threads = 1;
  c.train.freq_mask_width = 4;
  c.train.time_mask_width = 8;
  return c;
}

}  // namespace esc50::test
