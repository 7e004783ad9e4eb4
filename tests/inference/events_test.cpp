#include <gtest/gtest.h>

#include "inference/events.h"

namespace esc50::inference {
namespace {

// One window a second, 2 s long, with the given probabilities of classes 0 and 1.
std::vector<WindowScore> timeline(const std::vector<std::vector<float>>& rows) {
  std::vector<WindowScore> windows;
  for (size_t i = 0; i < rows.size(); ++i) windows.push_back({double(i), double(i) + 2, rows[i]});
  return windows;
}

TEST(Events, ConsecutiveConfidentWindowsOfOneClassMerge) {
  const auto windows = timeline({{0.1f, 0.1f}, {0.9f, 0.1f}, {0.8f, 0.1f}, {0.7f, 0.2f}, {0.1f, 0.1f}, {0.1f, 0.9f}, {0.1f, 0.8f}});
  const auto events = detect_events(windows, {.threshold = 0.5, .median_windows = 1});
  ASSERT_EQ(events.size(), 2u);
  EXPECT_EQ(events[0].class_index, 0);
  // Window k (k .. k + 2 s) stands for k + 0.5 .. k + 1.5 s, the first from 0, the last to 8.
  EXPECT_DOUBLE_EQ(events[0].start_s, 1.5);
  EXPECT_DOUBLE_EQ(events[0].end_s, 4.5);
  EXPECT_FLOAT_EQ(events[0].peak, 0.9f);
  EXPECT_FLOAT_EQ(events[0].mean, 0.8f);
  EXPECT_EQ(events[1].class_index, 1);
  EXPECT_DOUBLE_EQ(events[1].start_s, 5.5);
  EXPECT_DOUBLE_EQ(events[1].end_s, 8);
}

TEST(Events, TheMedianFilterIgnoresAnIsolatedWindowAndBridgesAGap) {
  const auto windows = timeline({{0.9f, 0}, {0.9f, 0}, {0.1f, 0}, {0.9f, 0}, {0.9f, 0}, {0, 0}, {0, 0}, {0.95f, 0}, {0, 0}, {0, 0}});
  const auto events = detect_events(windows, {.threshold = 0.5, .median_windows = 3});
  ASSERT_EQ(events.size(), 1u) << "the dip at 2 s is bridged, the blip at 7 s is ignored";
  EXPECT_DOUBLE_EQ(events[0].start_s, 0);
  EXPECT_DOUBLE_EQ(events[0].end_s, 5.5);
}

TEST(Events, ShortEventsAreDroppedAndBadSettingsRefused) {
  const auto windows = timeline({{0.9f, 0}, {0, 0}});
  EXPECT_EQ(detect_events(windows, {.threshold = 0.5, .min_duration_s = 2, .median_windows = 1}).size(), 0u);
  EXPECT_EQ(detect_events(windows, {.threshold = 0.5, .min_duration_s = 1.5, .median_windows = 1}).size(), 1u);
  EXPECT_THROW(detect_events(windows, {.median_windows = 2}), Error);
  EXPECT_TRUE(detect_events({}, {}).empty());
}

}  // namespace
}  // namespace esc50::inference
