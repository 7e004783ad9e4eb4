#include <gtest/gtest.h>

#include <cmath>

#include "common/error.h"
#include "eval/comparison.h"

namespace esc50::eval {
namespace {

// Folds of 400 held-out clips each, as ESC-50's.
CrossValidationMetrics cv_with(const std::vector<std::pair<int, double>>& fold_accuracies) {
  CrossValidationMetrics cv;
  for (const auto& [fold, accuracy] : fold_accuracies) {
    FoldResult f{fold, {}};
    f.metrics.accuracy = accuracy;
    f.metrics.clips = 400;
    cv.folds.push_back(f);
  }
  return cv;
}

TEST(PairedDifference, MeanStdAndTheStudentIntervalOverTheFoldsInCommon) {
  const auto baseline = cv_with({{1, 0.80}, {2, 0.82}, {3, 0.84}, {4, 0.86}, {5, 0.80}});
  const auto run = cv_with({{5, 0.81}, {4, 0.88}, {3, 0.83}, {2, 0.85}, {1, 0.82}, {6, 0.99}});
  const auto d = paired_difference(baseline, run);
  EXPECT_EQ(d.folds, (std::vector<int>{1, 2, 3, 4, 5}));  // fold 6 has no partner
  ASSERT_EQ(d.differences.size(), 5u);
  const std::vector<double> expected = {0.02, 0.03, -0.01, 0.02, 0.01};
  for (size_t i = 0; i < 5; ++i) EXPECT_NEAR(d.differences[i], expected[i], 1e-12);
  EXPECT_NEAR(d.mean, 0.014, 1e-12);
  const double std = std::sqrt((0.006 * 0.006 + 0.016 * 0.016 + 0.024 * 0.024 + 0.006 * 0.006 + 0.004 * 0.004) / 4);
  EXPECT_NEAR(d.std, std, 1e-12);
  // Nadeau-Bengio: the variance of the mean is std² (1/5 + 400/1600), not std² / 5.
  EXPECT_NEAR(d.half_width, 2.776 * std * std::sqrt(1.0 / 5 + 400.0 / 1600), 1e-12);
  EXPECT_TRUE(d.inside_noise);  // 1.4 points, but the interval reaches below zero
}

TEST(PairedDifference, ASteadyGainIsOutsideTheNoise) {
  const auto d = paired_difference(cv_with({{1, 0.80}, {2, 0.70}, {3, 0.90}}),
                                   cv_with({{1, 0.83}, {2, 0.73}, {3, 0.935}}));
  EXPECT_NEAR(d.mean, 0.095 / 3, 1e-12);
  EXPECT_LT(d.half_width, d.mean);
  EXPECT_FALSE(d.inside_noise);
  const auto worse = paired_difference(cv_with({{1, 0.83}, {2, 0.73}, {3, 0.935}}),
                                       cv_with({{1, 0.80}, {2, 0.70}, {3, 0.90}}));
  EXPECT_NEAR(worse.mean, -0.095 / 3, 1e-12);
  EXPECT_FALSE(worse.inside_noise);
  // The same differences with more spread between folds are inside the noise.
  EXPECT_TRUE(paired_difference(cv_with({{1, 0.80}, {2, 0.70}, {3, 0.90}}),
                                cv_with({{1, 0.83}, {2, 0.72}, {3, 0.945}})).inside_noise);
}

TEST(PairedDifference, OneFoldInCommonHasNoInterval) {
  const auto d = paired_difference(cv_with({{1, 0.5}, {2, 0.6}}), cv_with({{2, 0.9}}));
  EXPECT_EQ(d.folds, std::vector<int>{2});
  EXPECT_NEAR(d.mean, 0.3, 1e-12);
  EXPECT_TRUE(std::isinf(d.half_width));
  EXPECT_TRUE(d.inside_noise);
}

TEST(StudentT, TableAndLargeSampleApproximation) {
  EXPECT_DOUBLE_EQ(student_t_95(1), 12.706);
  EXPECT_DOUBLE_EQ(student_t_95(4), 2.776);
  EXPECT_DOUBLE_EQ(student_t_95(30), 2.042);
  EXPECT_NEAR(student_t_95(31), 2.0395, 0.0003);
  EXPECT_NEAR(student_t_95(40), 2.021, 0.0005);
  EXPECT_NEAR(student_t_95(60), 2.000, 0.0005);
  EXPECT_NEAR(student_t_95(120), 1.980, 0.001);
  EXPECT_THROW(student_t_95(0), Error);
}

TEST(ClassGroup, ParsesNameAndClasses) {
  const auto g = parse_class_group("engines=helicopter,engine,airplane,train");
  EXPECT_EQ(g.name, "engines");
  EXPECT_EQ(g.classes, (std::vector<std::string>{"helicopter", "engine", "airplane", "train"}));
  EXPECT_EQ(parse_class_group("one=dog").classes, std::vector<std::string>{"dog"});
}

TEST(ClassGroup, MalformedTextIsAnErrorQuotingIt) {
  for (const char* bad : {"engines", "=dog", "x=", "x=dog,", "x=dog,,cat", "x=,dog", "x=dog,dog"}) {
    try {
      parse_class_group(bad);
      ADD_FAILURE() << bad << " was accepted";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(std::string("\"") + bad + "\""), std::string::npos) << e.what();
    }
  }
}

TEST(ClassGroup, RecallPooledOverItsClasses) {
  Metrics m;
  m.class_names = {"dog", "cat", "cow"};
  m.per_class.resize(3);
  m.per_class[0] = {.support = 10, .correct = 9};
  m.per_class[1] = {.support = 10, .correct = 4};
  m.per_class[2] = {.support = 5, .correct = 5};
  const auto r = group_recall(m, {"pets", {"dog", "cat"}});
  EXPECT_EQ(r.correct, 13);
  EXPECT_EQ(r.support, 20);
  EXPECT_DOUBLE_EQ(r.recall, 0.65);
  m.per_class[2] = {};
  EXPECT_TRUE(std::isnan(group_recall(m, {"cows", {"cow"}}).recall));  // no clips: no recall
  try {
    group_recall(m, {"pets", {"dog", "hamster"}});
    ADD_FAILURE() << "an unknown class was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("\"hamster\""), std::string::npos) << e.what();
  }
}

}  // namespace
}  // namespace esc50::eval
