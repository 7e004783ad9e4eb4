#include <cmath>
#include <numbers>

#include "features/logmel.h"
#include "inference/sound_classifier.h"
#include "inference/windowing.h"
#include "test_support.h"

namespace esc50::inference {
namespace {

TEST(WindowStarts, ShortInputGetsOneWindow) {
  EXPECT_EQ(window_starts(0, 100, 50), std::vector<size_t>{0});
  EXPECT_EQ(window_starts(99, 100, 50), std::vector<size_t>{0});
  EXPECT_EQ(window_starts(100, 100, 50), std::vector<size_t>{0});
}

TEST(WindowStarts, LastWindowEndsAtTheEnd) {
  EXPECT_EQ(window_starts(200, 100, 50), (std::vector<size_t>{0, 50, 100}));
  EXPECT_EQ(window_starts(240, 100, 50), (std::vector<size_t>{0, 50, 100, 140}));
  EXPECT_EQ(window_starts(101, 100, 100), (std::vector<size_t>{0, 1}));
}

TEST(WindowStarts, EveryWindowFitsAndCoversTheInput) {
  for (size_t n : {101u, 333u, 1000u, 1234u}) {
    const auto starts = window_starts(n, 100, 30);
    EXPECT_EQ(starts.back() + 100, n);
    for (size_t i = 1; i < starts.size(); ++i) EXPECT_LE(starts[i] - starts[i - 1], 30u);
  }
}

TEST(WindowStarts, SlackAbsorbsATinyOverhang) {
  EXPECT_EQ(window_starts(101, 100, 50, 1), std::vector<size_t>{0});
  EXPECT_EQ(window_starts(102, 100, 50, 1), (std::vector<size_t>{0, 2}));
  EXPECT_EQ(window_starts(201, 100, 50, 1), (std::vector<size_t>{0, 50, 100}));
}

TEST(WindowStarts, RejectsZeroSizes) {
  EXPECT_THROW(window_starts(10, 0, 1), std::invalid_argument);
  EXPECT_THROW(window_starts(10, 1, 0), std::invalid_argument);
}

TEST(TopK, RanksByProbabilityThenIndex) {
  const std::vector<float> p = {0.1f, 0.4f, 0.1f, 0.3f, 0.1f};
  const auto top = top_k(p, 3);
  ASSERT_EQ(top.size(), 3u);
  EXPECT_EQ(top[0].index, 1);
  EXPECT_EQ(top[1].index, 3);
  EXPECT_EQ(top[2].index, 0);  // tie with 2 and 4: lowest index first
  EXPECT_FLOAT_EQ(top[0].probability, 0.4f);
}

TEST(TopK, ClampsKToTheNumberOfClasses) {
  const std::vector<float> p = {0.5f, 0.5f};
  EXPECT_EQ(top_k(p, 10).size(), 2u);
  EXPECT_TRUE(top_k(p, 0).empty());
}

TEST(MeanRows, AveragesElementWise) {
  EXPECT_EQ(mean_rows({{1, 0}, {0, 1}}), (std::vector<float>{0.5f, 0.5f}));
  EXPECT_TRUE(mean_rows({}).empty());
  EXPECT_THROW(mean_rows({{1, 0}, {1}}), std::invalid_argument);
}

std::vector<float> tone(double hz, int rate, double seconds) {
  std::vector<float> x(size_t(rate * seconds));
  for (size_t i = 0; i < x.size(); ++i) x[i] = 0.5f * std::sin(2 * std::numbers::pi * hz * i / rate);
  return x;
}

// Stand-in model with two classes: "low" when the loudest mel band of the window is in the
// lower half, "high" otherwise. It records the shapes and batch sizes it was given.
struct PitchModel {
  std::vector<size_t> batches;
  int n_mels = 0, n_frames = 0;
  std::vector<std::vector<float>> operator()(const std::vector<features::Spectrogram>& windows) {
    batches.push_back(windows.size());
    std::vector<std::vector<float>> out;
    for (const auto& s : windows) {
      n_mels = s.n_mels;
      n_frames = s.n_frames;
      std::vector<double> band_energy(size_t(s.n_mels), 0.0);
      for (int m = 0; m < s.n_mels; ++m)
        for (int f = 0; f < s.n_frames; ++f) band_energy[size_t(m)] += s.at(m, f);
      const auto loudest = std::max_element(band_energy.begin(), band_energy.end()) - band_energy.begin();
      out.push_back(loudest < s.n_mels / 2 ? std::vector<float>{1, 0} : std::vector<float>{0, 1});
    }
    return out;
  }
};

class ClassifySamples : public ::testing::Test {
 protected:
  features::FeatureSettings settings_{.clip_seconds = 1.0, .n_mels = 64};
  features::LogMelExtractor extractor_{settings_};
  PitchModel model_;
  Classification run(std::span<const float> samples, WindowSettings w = {}) {
    return classify_samples(samples, extractor_, std::ref(model_), w);
  }
};

TEST_F(ClassifySamples, EachWindowHearsItsOwnPartOfTheAudio) {
  auto audio = tone(300, settings_.sample_rate, 1.0);
  const auto high = tone(6000, settings_.sample_rate, 1.0);
  audio.insert(audio.end(), high.begin(), high.end());
  const auto result = run(audio, {.hop_seconds = 1.0});
  ASSERT_EQ(result.windows.size(), 2u);
  EXPECT_EQ(result.windows[0].probabilities, (std::vector<float>{1, 0}));
  EXPECT_EQ(result.windows[1].probabilities, (std::vector<float>{0, 1}));
  EXPECT_DOUBLE_EQ(result.windows[1].start_s, 1.0);
  EXPECT_DOUBLE_EQ(result.windows[1].end_s, 2.0);
  EXPECT_EQ(result.probabilities, (std::vector<float>{0.5f, 0.5f}));
  EXPECT_DOUBLE_EQ(result.duration_s, 2.0);
}

TEST_F(ClassifySamples, WindowsHaveTheModelShapeAndComeInBatches) {
  const auto audio = tone(300, settings_.sample_rate, 3.0);
  const auto result = run(audio, {.hop_seconds = 0.5, .batch = 2});
  EXPECT_EQ(result.windows.size(), 5u);  // starts 0, 0.5, 1, 1.5, 2
  EXPECT_EQ(model_.batches, (std::vector<size_t>{2, 2, 1}));
  EXPECT_EQ(model_.n_mels, 64);
  EXPECT_EQ(model_.n_frames, extractor_.frames_for(size_t(settings_.sample_rate)));
}

TEST_F(ClassifySamples, ShortAudioIsPaddedToOneWindow) {
  const auto audio = tone(6000, settings_.sample_rate, 0.3);
  const auto result = run(audio);
  ASSERT_EQ(result.windows.size(), 1u);
  EXPECT_NEAR(result.windows[0].end_s, 0.3, 1e-3);
  EXPECT_EQ(model_.n_frames, extractor_.frames_for(size_t(settings_.sample_rate)));
  EXPECT_EQ(result.probabilities, (std::vector<float>{0, 1}));
}

TEST_F(ClassifySamples, DefaultHopIsHalfAWindow) {
  const auto audio = tone(300, settings_.sample_rate, 2.0);
  EXPECT_EQ(run(audio).windows.size(), 3u);  // 0, 0.5, 1.0
}

}  // namespace
}  // namespace esc50::inference
