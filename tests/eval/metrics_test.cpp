#include <cmath>
#include <gtest/gtest.h>

#include "common/error.h"
#include "data/esc50_meta.h"
#include "eval/cross_validation.h"
#include "eval/metrics.h"
#include "fake_run.h"

namespace esc50::eval {
namespace {

// Five classes: "bird" has one clip but is never predicted, "cow" is absent and never
// predicted, "pig" is absent but predicted once.
runs::Predictions hand_made() {
  runs::Predictions p{{"dog", "cat", "bird", "cow", "pig"}, {}};
  p.clips = {{"c1", 0, 1, {0.7f, 0.2f, 0.05f, 0.03f, 0.02f}},
             {"c2", 0, 1, {0.5f, 0.1f, 0.3f, 0.05f, 0.05f}},
             {"c3", 0, 1, {0.3f, 0.6f, 0.05f, 0.03f, 0.02f}},
             {"c4", 1, 1, {0.1f, 0.8f, 0.05f, 0.03f, 0.02f}},
             {"c5", 1, 1, {0.6f, 0.05f, 0.3f, 0.03f, 0.02f}},
             {"c6", 2, 1, {0.1f, 0.5f, 0.3f, 0.05f, 0.05f}},
             {"c7", 1, 1, {0.1f, 0.3f, 0.05f, 0.05f, 0.5f}}};
  return p;
}

TEST(Metrics, AccuracyAndTopK) {
  const auto m = compute_metrics(hand_made(), {.top_k = 2});
  EXPECT_EQ(m.clips, 7);
  EXPECT_DOUBLE_EQ(m.accuracy, 3.0 / 7);
  EXPECT_EQ(m.top_k, 2);
  EXPECT_DOUBLE_EQ(m.top_k_accuracy, 6.0 / 7);  // only c5 has its class third
}

TEST(Metrics, TopKIsCappedAtTheNumberOfClasses) {
  EXPECT_EQ(compute_metrics(hand_made(), {.top_k = 9}).top_k, 5);
  EXPECT_DOUBLE_EQ(compute_metrics(hand_made(), {.top_k = 9}).top_k_accuracy, 1.0);
}

TEST(Metrics, ConfusionMatrix) {
  const auto m = compute_metrics(hand_made());
  const std::vector<std::vector<int>> expected = {
      {2, 1, 0, 0, 0}, {1, 1, 0, 0, 1}, {0, 1, 0, 0, 0}, {0, 0, 0, 0, 0}, {0, 0, 0, 0, 0}};
  EXPECT_EQ(m.confusion, expected);
  const auto normalised = row_normalised(m.confusion);
  EXPECT_DOUBLE_EQ(normalised[0][0], 2.0 / 3);
  EXPECT_DOUBLE_EQ(normalised[2][1], 1.0);
  EXPECT_EQ(normalised[3], std::vector<double>(5, 0.0));  // absent class: zeros, not NaN
}

TEST(Metrics, PerClassIncludingNeverPredictedAndAbsentClasses) {
  const auto m = compute_metrics(hand_made());
  EXPECT_DOUBLE_EQ(m.per_class[0].precision, 2.0 / 3);
  EXPECT_DOUBLE_EQ(m.per_class[0].recall, 2.0 / 3);
  EXPECT_DOUBLE_EQ(m.per_class[0].f1, 2.0 / 3);
  EXPECT_EQ(m.per_class[0].support, 3);
  EXPECT_DOUBLE_EQ(m.per_class[1].precision, 1.0 / 3);
  EXPECT_DOUBLE_EQ(m.per_class[1].recall, 1.0 / 3);
  // bird: one clip, never predicted.
  EXPECT_EQ(m.per_class[2].support, 1);
  EXPECT_EQ(m.per_class[2].predicted, 0);
  EXPECT_DOUBLE_EQ(m.per_class[2].precision, 0);
  EXPECT_DOUBLE_EQ(m.per_class[2].f1, 0);
  // cow: absent and never predicted; pig: absent, predicted once.
  EXPECT_EQ(m.per_class[3].support, 0);
  EXPECT_DOUBLE_EQ(m.per_class[3].recall, 0);
  EXPECT_EQ(m.per_class[4].predicted, 1);
  EXPECT_DOUBLE_EQ(m.per_class[4].precision, 0);
}

TEST(Metrics, MacroAveragesSkipClassesNeitherPresentNorPredicted) {
  const auto m = compute_metrics(hand_made());
  EXPECT_EQ(m.macro.classes, 4);  // all but cow
  EXPECT_DOUBLE_EQ(m.macro.precision, (2.0 / 3 + 1.0 / 3) / 4);
  EXPECT_DOUBLE_EQ(m.macro.recall, (2.0 / 3 + 1.0 / 3) / 4);
  EXPECT_DOUBLE_EQ(m.macro.f1, (2.0 / 3 + 1.0 / 3) / 4);
}

TEST(Metrics, MostConfusedPairsByCountThenShareOfClass) {
  const auto m = compute_metrics(hand_made(), {.confused_pairs = 3});
  ASSERT_EQ(m.confused_pairs.size(), 3u);
  EXPECT_EQ(m.confused_pairs[0].actual, 2);  // bird -> cat: the whole class
  EXPECT_EQ(m.confused_pairs[0].predicted, 1);
  EXPECT_DOUBLE_EQ(m.confused_pairs[0].rate, 1.0);
  EXPECT_EQ(m.confused_pairs[0].examples, std::vector<std::string>{"c6"});
  EXPECT_EQ(std::pair(m.confused_pairs[1].actual, m.confused_pairs[1].predicted), std::pair(0, 1));
  EXPECT_EQ(std::pair(m.confused_pairs[2].actual, m.confused_pairs[2].predicted), std::pair(1, 0));
  EXPECT_DOUBLE_EQ(m.confused_pairs[2].rate, 1.0 / 3);
}

TEST(Metrics, ExamplesPerPairAreLimited) {
  runs::Predictions p{{"a", "b"}, {}};
  // append rather than "x" + ...: GCC 12 at -O3 gives a false -Wrestrict warning on that (its bug 105329).
  for (int i = 0; i < 5; ++i) p.clips.push_back({std::string("x").append(std::to_string(i)), 0, 1, {0.1f, 0.9f}});
  const auto m = compute_metrics(p, {.examples_per_pair = 2});
  ASSERT_EQ(m.confused_pairs.size(), 1u);
  EXPECT_EQ(m.confused_pairs[0].count, 5);
  EXPECT_EQ(m.confused_pairs[0].examples, (std::vector<std::string>{"x0", "x1"}));
}

TEST(Metrics, TiesGoToTheFirstClass) {
  runs::Predictions p{{"a", "b", "c"}, {{"t", 1, 1, {0.4f, 0.4f, 0.2f}}}};
  EXPECT_EQ(runs::predicted_class(p.clips[0]), 0);
  EXPECT_DOUBLE_EQ(compute_metrics(p).accuracy, 0.0);
}

TEST(Metrics, NoClipsGivesZerosNotNaN) {
  const auto m = compute_metrics(runs::Predictions{{"a", "b"}, {}});
  EXPECT_EQ(m.clips, 0);
  EXPECT_DOUBLE_EQ(m.accuracy, 0);
  EXPECT_EQ(m.macro.classes, 0);
  EXPECT_DOUBLE_EQ(m.macro.f1, 0);
}

TEST(Metrics, MismatchedClipIsAnError) {
  runs::Predictions p{{"a", "b"}, {{"bad", 0, 1, {1.0f}}}};
  EXPECT_THROW(compute_metrics(p), Error);
}

TEST(Metrics, CategoryGroupsOfEsc50) {
  runs::Predictions p{test::fake_class_names(50), {}};
  auto one_hot = [](int c) {
    std::vector<float> probs(50, 0.0f);
    probs[size_t(c)] = 1;
    return probs;
  };
  const int animal = 0, other_animal = 1, natural = 10, human = 20, urban = 45;
  ASSERT_EQ(data::category_group_of(animal), data::category_group_of(other_animal));
  ASSERT_NE(data::category_group_of(human), data::category_group_of(urban));
  p.clips = {{"a", animal, 1, one_hot(other_animal)},
             {"b", natural, 1, one_hot(natural)},
             {"c", human, 1, one_hot(urban)}};
  const auto m = compute_metrics(p);
  ASSERT_EQ(m.groups.size(), 5u);
  const auto& g_animal = m.groups[size_t(data::category_group_of(animal))];
  EXPECT_EQ(g_animal.name, data::category_groups()[size_t(data::category_group_of(animal))]);
  EXPECT_EQ(g_animal.support, 1);
  EXPECT_EQ(g_animal.correct, 0);
  EXPECT_EQ(g_animal.same_group, 1);
  EXPECT_DOUBLE_EQ(m.groups[size_t(data::category_group_of(natural))].accuracy, 1.0);
  const auto& g_human = m.groups[size_t(data::category_group_of(human))];
  EXPECT_EQ(g_human.same_group, 0);
  EXPECT_DOUBLE_EQ(g_human.accuracy, 0.0);
  EXPECT_EQ(m.groups[size_t(data::category_group_of(urban))].support, 0);  // absent group
}

TEST(Metrics, NoCategoryGroupsForOtherClassCounts) {
  EXPECT_TRUE(compute_metrics(hand_made()).groups.empty());
  runs::Predictions other{{}, {{"a", 0, 1, std::vector<float>(50, 0.02f)}}};  // 50 classes, not ESC-50's
  for (int c = 0; c < 50; ++c) other.class_names.push_back("sound_" + std::to_string(c));
  EXPECT_TRUE(compute_metrics(other).groups.empty());
}

TEST(CrossValidation, PoolsFoldsAndSpreadsAccuracy) {
  // Fold 1 holds only class a (all right), fold 2 only class b (half right): each class is
  // absent from one fold.
  FoldPredictions f1{1, {{"a", "b"}, {{"x1", 0, 1, {0.9f, 0.1f}}, {"x2", 0, 1, {0.8f, 0.2f}}}}};
  FoldPredictions f2{2, {{"a", "b"}, {{"y1", 1, 2, {0.1f, 0.9f}}, {"y2", 1, 2, {0.7f, 0.3f}}}}};
  const auto cv = compute_cv_metrics({f1, f2});
  ASSERT_EQ(cv.folds.size(), 2u);
  EXPECT_DOUBLE_EQ(cv.folds[0].metrics.accuracy, 1.0);
  EXPECT_DOUBLE_EQ(cv.folds[1].metrics.accuracy, 0.5);
  EXPECT_DOUBLE_EQ(cv.mean_accuracy, 0.75);
  EXPECT_DOUBLE_EQ(cv.std_accuracy, std::sqrt(0.125));  // sample std, as esc50 cv prints
  EXPECT_EQ(cv.pooled.clips, 4);
  EXPECT_EQ(cv.pooled.confusion, (std::vector<std::vector<int>>{{2, 0}, {1, 1}}));
  EXPECT_DOUBLE_EQ(cv.pooled.accuracy, 0.75);
  // In fold 1, b is absent but predicted never: only a counts in its macro average.
  EXPECT_EQ(cv.folds[0].metrics.macro.classes, 1);
  EXPECT_DOUBLE_EQ(cv.folds[0].metrics.macro.f1, 1.0);
}

TEST(CrossValidation, DifferentClassNamesAreAnError) {
  FoldPredictions f1{1, {{"a", "b"}, {}}};
  FoldPredictions f2{2, {{"a", "c"}, {}}};
  EXPECT_THROW(compute_cv_metrics({f1, f2}), Error);
  EXPECT_THROW(compute_cv_metrics({}), Error);
}

}  // namespace
}  // namespace esc50::eval
