#include <cmath>

#include "audio/audio.h"
#include "audio/audio_files.h"
#include "test_support.h"

namespace esc50::audio {
namespace {

// Zero crossings per second / 2 = frequency of a pure tone.
double measured_frequency(const std::vector<float>& x, int rate) {
  int crossings = 0;
  for (size_t i = 1 + rate / 10; i < x.size() - rate / 10; ++i) crossings += (x[i - 1] < 0) != (x[i] < 0);
  return crossings / 2.0 / (double(x.size() - 2 * (rate / 10)) / rate);
}

TEST(Resample, KeepsPitchAndScalesLengthLikeLibrosa) {
  auto x = test::sine_wave(1000, 44100, 44100);
  auto y = resample(x, 44100, 22050);
  EXPECT_EQ(y.size(), 22050u);
  EXPECT_NEAR(measured_frequency(y, 22050), 1000, 5);
  EXPECT_EQ(resample(x, 48000, 22050).size(), size_t(std::ceil(44100.0 * 22050 / 48000)));
}

TEST(Resample, RemovesContentAboveTheNewNyquist) {
  auto x = test::sine_wave(15000, 44100, 44100);
  auto y = resample(x, 44100, 22050);
  double energy = 0;
  for (size_t i = 2000; i < y.size() - 2000; ++i) energy += y[i] * y[i];
  EXPECT_LT(energy / double(y.size()), 1e-6);
}

TEST(Resample, FitLengthPadsWithZerosOrCrops) {
  std::vector<float> x{1, 2, 3};
  fit_length(x, 5);
  EXPECT_EQ(x, (std::vector<float>{1, 2, 3, 0, 0}));
  fit_length(x, 2);
  EXPECT_EQ(x, (std::vector<float>{1, 2}));
}

}  // namespace
}  // namespace esc50::audio
