// The engine shared by many threads, without LibTorch in the test so that the ThreadSanitizer
// job (.ci/tsan.sh) can build it: plans are taken from and given back to one cache.
#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "engine/classifier.h"
#include "model/catalog.h"
#include "test_support.h"
#include "tiny_model.h"

namespace esc50::engine {
namespace {

TEST(EngineThreads, ManyThreadsShareOneClassifierAndGetTheSameAnswers) {
  test::TempDir dir;
  model::ModelInfo info;
  info.architecture = "esc50net";
  info.architecture_settings = model::find_architecture("esc50net").complete_settings({{"width", 4}, {"blocks", 3}});
  info.features.n_mels = 16;
  info.features.sample_rate = 8000;
  info.features.clip_seconds = 1;
  info.class_names = {"a", "b", "c"};
  const auto spec = model::find_architecture("esc50net").spec(info.architecture_settings, 3);
  model::write_model_file(dir / "model.esc50", info, test::random_tensors(spec, 5));
  const auto classifier = Classifier::load(dir / "model.esc50", 1, "fp32");

  std::mt19937 rng(1);
  std::uniform_real_distribution<float> decibels(-80, 0);
  std::vector<std::vector<features::Spectrogram>> inputs;
  for (int batch : {1, 3, 9}) {
    std::vector<features::Spectrogram> windows;
    for (int i = 0; i < batch; ++i) {
      features::Spectrogram w{16, classifier.window_frames(), {}};
      for (int v = 0; v < 16 * w.n_frames; ++v) w.values.push_back(decibels(rng));
      windows.push_back(std::move(w));
    }
    inputs.push_back(std::move(windows));
  }
  std::vector<std::vector<std::vector<float>>> expected;
  for (const auto& windows : inputs) expected.push_back(classifier.predict(windows));

  std::vector<int> mismatches(4, 0);
  std::vector<std::thread> threads;
  for (size_t t = 0; t < mismatches.size(); ++t)
    threads.emplace_back([&, t] {
      for (int round = 0; round < 6; ++round) {
        const size_t k = (t + size_t(round)) % inputs.size();
        mismatches[t] += classifier.predict(inputs[k]) != expected[k];
      }
    });
  for (auto& thread : threads) thread.join();
  for (int m : mismatches) EXPECT_EQ(m, 0);
}

}  // namespace
}  // namespace esc50::engine
