// An ensemble model file through the inference API: one classifier, several networks.
#include <gtest/gtest.h>

#include <random>

#include "engine/classifier.h"
#include "model/ensemble.h"
#include "test_support.h"
#include "tiny_model.h"

namespace esc50::engine {
namespace {

std::vector<features::Spectrogram> random_windows(const Classifier& classifier, int count) {
  std::mt19937 rng(3);
  std::uniform_real_distribution<float> decibels(-80, 0);
  std::vector<features::Spectrogram> windows;
  const int n_mels = classifier.info().features.n_mels;
  for (int i = 0; i < count; ++i) {
    features::Spectrogram w{n_mels, classifier.window_frames(), {}};
    for (int v = 0; v < n_mels * w.n_frames; ++v) w.values.push_back(decibels(rng));
    windows.push_back(std::move(w));
  }
  return windows;
}

struct Members {
  test::TempDir dir;
  std::filesystem::path a = test::write_tiny_model(dir / "a.esc50", 0);
  std::filesystem::path b = test::write_tiny_model(dir / "b.esc50", 1);
  std::filesystem::path ensemble = dir / "ab.esc50";
  Members() { model::write_ensemble(ensemble, {a, b}); }
};

TEST(EnsembleClassifier, PredictsTheMeanOfItsMembersProbabilities) {
  Members m;
  const auto a = Classifier::load(m.a, 1, "fp32"), b = Classifier::load(m.b, 1, "fp32");
  const auto ensemble = Classifier::load(m.ensemble, 1, "fp32");
  EXPECT_EQ(ensemble.info().members, 2);
  const auto windows = random_windows(ensemble, 3);
  const auto pa = a.predict(windows), pb = b.predict(windows), mean = ensemble.predict(windows);
  ASSERT_EQ(mean.size(), 3u);
  bool members_disagree = false;
  for (size_t w = 0; w < mean.size(); ++w) {
    ASSERT_EQ(mean[w].size(), 50u);
    for (size_t c = 0; c < mean[w].size(); ++c) {
      EXPECT_NEAR(mean[w][c], (pa[w][c] + pb[w][c]) / 2, 1e-6) << "window " << w << " class " << c;
      members_disagree |= std::abs(pa[w][c] - pb[w][c]) > 1e-4;
    }
  }
  EXPECT_TRUE(members_disagree) << "the members should be different networks";
}

TEST(EnsembleClassifier, EmbedsItsMembersSideBySide) {
  Members m;
  const auto a = Classifier::load(m.a, 1, "fp32"), b = Classifier::load(m.b, 1, "fp32");
  const auto ensemble = Classifier::load(m.ensemble, 1, "fp32");
  ASSERT_EQ(ensemble.embedding_size(), a.embedding_size() + b.embedding_size());
  const auto windows = random_windows(ensemble, 2);
  const auto ea = a.embed(windows), eb = b.embed(windows), both = ensemble.embed(windows);
  for (size_t w = 0; w < windows.size(); ++w) {
    auto expected = ea[w];
    expected.insert(expected.end(), eb[w].begin(), eb[w].end());
    ASSERT_EQ(both[w].size(), expected.size());
    for (size_t i = 0; i < expected.size(); ++i) EXPECT_NEAR(both[w][i], expected[i], 1e-6) << i;
  }
}

}  // namespace
}  // namespace esc50::engine
