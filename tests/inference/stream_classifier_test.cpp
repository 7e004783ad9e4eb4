// The streaming classifier against the whole-file path: the same windows, the same scores,
// whatever the block sizes and the input's sample rate.
#include <gtest/gtest.h>

#include <cmath>
#include <random>

#include "audio/audio.h"
#include "inference/sound_classifier.h"
#include "inference/stream_classifier.h"
#include "inference/windowing.h"

namespace esc50::inference {
namespace {

// A stand-in model whose "probabilities" are a fingerprint of the window's spectrogram, so
// equal scores mean equal features.
std::vector<std::vector<float>> fingerprint(const std::vector<features::Spectrogram>& windows) {
  std::vector<std::vector<float>> out;
  for (const auto& s : windows) {
    double sum = 0, weighted = 0;
    for (size_t i = 0; i < s.values.size(); ++i) {
      sum += s.values[i];
      weighted += s.values[i] * double(i % 97);
    }
    out.push_back({float(sum), float(weighted), s.values.front(), s.values.back()});
  }
  return out;
}

std::vector<float> noise(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::normal_distribution<float> normal(0, 0.2f);
  std::vector<float> x(n);
  for (size_t i = 0; i < x.size(); ++i) x[i] = normal(rng) * float(1 + std::sin(double(i) / 3000));
  return x;
}

std::vector<WindowScore> streamed(const features::LogMelExtractor& extractor, const std::vector<float>& x,
                                  int rate, size_t block, const WindowSettings& settings) {
  std::vector<WindowScore> windows;
  StreamClassifier stream(extractor, fingerprint, rate, settings, [&](const WindowScore& w) { windows.push_back(w); });
  for (size_t at = 0; at < x.size(); at += block)
    stream.push(std::span(x).subspan(at, std::min(block, x.size() - at)));
  stream.finish();
  return windows;
}

void expect_same(const std::vector<WindowScore>& whole, const std::vector<WindowScore>& stream) {
  ASSERT_EQ(whole.size(), stream.size());
  for (size_t i = 0; i < whole.size(); ++i) {
    EXPECT_DOUBLE_EQ(whole[i].start_s, stream[i].start_s) << "window " << i;
    EXPECT_DOUBLE_EQ(whole[i].end_s, stream[i].end_s) << "window " << i;
    EXPECT_EQ(whole[i].probabilities, stream[i].probabilities) << "window " << i;
  }
}

class Streaming : public ::testing::Test {
 protected:
  features::FeatureSettings settings_{.sample_rate = 8000, .clip_seconds = 0.5, .n_fft = 256, .hop_length = 64, .n_mels = 16};
  features::LogMelExtractor extractor_{settings_};
};

TEST_F(Streaming, EqualsTheWholeFilePathAtTheModelRate) {
  // Shorter than a window, within the slack, exactly a window, a hop past it, long.
  for (size_t n : {1000u, 4000u, 4030u, 4041u, 6000u, 6001u, 33333u}) {
    const auto x = noise(n, unsigned(n));
    for (double hop : {0.0, 0.1, 0.37}) {
      const WindowSettings w{.hop_seconds = hop, .batch = 3};
      const auto whole = classify_samples(x, extractor_, fingerprint, w).windows;
      for (size_t block : {1u, 7u, 512u, 100000u}) {
        SCOPED_TRACE(testing::Message() << n << " samples, hop " << hop << ", blocks of " << block);
        expect_same(whole, streamed(extractor_, x, 8000, block, w));
      }
    }
  }
}

TEST_F(Streaming, ResamplesIncrementallyLikeTheWholeFilePath) {
  for (size_t n : {3000u, 17000u, 60000u}) {
    const auto x = noise(n, 7);
    const auto whole = classify_samples(audio::resample(x, 11025, 8000), extractor_, fingerprint, {}).windows;
    for (size_t block : {333u, 4096u}) {
      SCOPED_TRACE(testing::Message() << n << " samples at 11025 Hz, blocks of " << block);
      expect_same(whole, streamed(extractor_, x, 11025, block, {}));
    }
  }
}

TEST_F(Streaming, WindowsArriveAsSoonAsTheyAreCompleteWithBatchOne) {
  std::vector<WindowScore> windows;
  StreamClassifier stream(extractor_, fingerprint, 8000, {.hop_seconds = 0.25, .batch = 1},
                          [&](const WindowScore& w) { windows.push_back(w); });
  const auto x = noise(8000, 3);
  stream.push(std::span(x).first(4100));  // one window and a bit more than the slack
  EXPECT_EQ(windows.size(), 1u);
  stream.push(std::span(x).subspan(4100, 2000));  // 6100 > 2000 + 4000: the second window
  EXPECT_EQ(windows.size(), 2u);
  EXPECT_DOUBLE_EQ(windows[1].start_s, 0.25);
  stream.push(std::span(x).subspan(6100));
  stream.finish();
  EXPECT_DOUBLE_EQ(windows.back().end_s, 1.0);
}

}  // namespace
}  // namespace esc50::inference
