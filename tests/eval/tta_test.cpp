#include <gtest/gtest.h>

#include "common/error.h"
#include "eval/tta.h"

namespace esc50::eval {
namespace {

// Two mel rows; frame f of row m holds 10 * m + f.
features::Spectrogram ramp(int frames) {
  features::Spectrogram s{2, frames, {}};
  for (int m = 0; m < 2; ++m)
    for (int f = 0; f < frames; ++f) s.values.push_back(float(10 * m + f));
  return s;
}

TEST(Tta, OneViewOfAFittingClipIsTheClip) {
  const auto windows = tta_windows(ramp(4), 4, 1);
  ASSERT_EQ(windows.size(), 1u);
  EXPECT_EQ(windows[0].values, ramp(4).values);
}

TEST(Tta, ViewsOfAFittingClipAreCircularShifts) {
  const auto windows = tta_windows(ramp(4), 4, 2);
  ASSERT_EQ(windows.size(), 2u);
  EXPECT_EQ(windows[1].n_frames, 4);
  EXPECT_EQ(windows[1].values, (std::vector<float>{2, 3, 0, 1, 12, 13, 10, 11}));
}

TEST(Tta, LongClipGivesEvenlySpacedCrops) {
  const auto centre = tta_windows(ramp(6), 2, 1);
  EXPECT_EQ(centre[0].values, (std::vector<float>{2, 3, 12, 13}));
  const auto crops = tta_windows(ramp(6), 2, 3);
  ASSERT_EQ(crops.size(), 3u);
  EXPECT_EQ(crops[0].values, (std::vector<float>{0, 1, 10, 11}));
  EXPECT_EQ(crops[1].values, (std::vector<float>{2, 3, 12, 13}));
  EXPECT_EQ(crops[2].values, (std::vector<float>{4, 5, 14, 15}));
}

TEST(Tta, ShortClipIsPaddedWithItsQuietestValue) {
  const auto windows = tta_windows(ramp(2), 3, 1);
  EXPECT_EQ(windows[0].n_frames, 3);
  EXPECT_EQ(windows[0].values, (std::vector<float>{0, 1, 0, 10, 11, 0}));
}

TEST(Tta, BadArgumentsAreErrors) {
  EXPECT_THROW(tta_windows(ramp(4), 4, 0), Error);
  EXPECT_THROW(tta_windows(features::Spectrogram{2, 0, {}}, 4, 1), Error);
}

TEST(Tta, MeanProbabilities) {
  EXPECT_EQ(mean_probabilities({{0.2f, 0.8f}, {0.6f, 0.4f}}), (std::vector<float>{0.4f, 0.6f}));
  EXPECT_THROW(mean_probabilities({{1.0f}, {0.5f, 0.5f}}), Error);
  EXPECT_TRUE(mean_probabilities({}).empty());
}

}  // namespace
}  // namespace esc50::eval
