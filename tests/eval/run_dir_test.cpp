#include <gtest/gtest.h>

#include "common/atomic_file.h"
#include "common/error.h"
#include "eval/run_dir.h"
#include "eval/run_evaluation.h"
#include "fake_run.h"
#include "test_support.h"

namespace esc50::eval {
namespace {

TEST(RunDir, LoadsASingleRun) {
  test::TempDir dir;
  test::write_fake_run(dir / "run", 3, {.policy = "balanced", .epochs = 4});
  const auto set = load_run_set(dir / "run");
  EXPECT_FALSE(set.cross_validation);
  ASSERT_EQ(set.runs.size(), 1u);
  EXPECT_EQ(set.runs[0].fold, 3);
  EXPECT_EQ(set.runs[0].epochs.size(), 4u);
  EXPECT_EQ(augmentation_label(set.runs[0].config), "balanced");
  ASSERT_TRUE(set.runs[0].predictions);
  EXPECT_EQ(set.runs[0].predictions->class_names.size(), 50u);
}

TEST(RunDir, LoadsACrossValidationInFoldOrder) {
  test::TempDir dir;
  for (int k : {10, 2, 1}) test::write_fake_run(dir / ("fold-" + std::to_string(k)), k, {});
  std::filesystem::create_directories(dir / "fold-x");  // not a run: ignored
  const auto set = load_run_set(dir.path());
  EXPECT_TRUE(set.cross_validation);
  ASSERT_EQ(set.runs.size(), 3u);
  EXPECT_EQ(set.runs[0].fold, 1);
  EXPECT_EQ(set.runs[1].fold, 2);
  EXPECT_EQ(set.runs[2].fold, 10);
  EXPECT_TRUE(set.summary.is_null());  // no summary.json: still readable
}

TEST(RunDir, UnfinishedRunHasNoPredictions) {
  test::TempDir dir;
  test::write_fake_run(dir / "run", 1, {});
  std::filesystem::remove(dir / "run" / "predictions.json");
  std::filesystem::remove(dir / "run" / "final.json");
  const auto set = load_run_set(dir / "run");
  EXPECT_FALSE(set.runs[0].predictions);
  EXPECT_TRUE(set.runs[0].final_metrics.is_null());
  EXPECT_FALSE(evaluate_run_set(set));
}

TEST(RunDir, TruncatedLastMetricsLineIsSkippedButBadMiddleLineIsAnError) {
  test::TempDir dir;
  test::write_fake_run(dir / "run", 1, {.epochs = 2});
  const auto metrics = dir / "run" / "metrics.jsonl";
  write_file_atomic(metrics, read_file(metrics) + "{\"epoch\": 3, \"train_lo");
  EXPECT_EQ(load_run_set(dir / "run").runs[0].epochs.size(), 2u);
  write_file_atomic(metrics, "{\"epoch\": 1}\n\ngarbage\n{\"epoch\": 2}\n");
  try {
    load_run_set(dir / "run");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("metrics.jsonl: line 3"), std::string::npos) << e.what();
  }
}

TEST(RunDir, NeitherRunNorCrossValidationIsAnError) {
  test::TempDir dir;
  EXPECT_THROW(load_run_set(dir.path()), Error);
  EXPECT_THROW(load_run_set(dir / "missing"), Error);
  write_file_atomic(dir / "config.json", "[1, 2]");
  EXPECT_THROW(load_run_set(dir.path()), Error);
}

TEST(RunDir, AugmentationLabel) {
  EXPECT_EQ(augmentation_label({{"augment", {{"policy", "adaptive"}}}}), "adaptive");
  EXPECT_EQ(augmentation_label(nlohmann::json::object()), "none");
  EXPECT_EQ(augmentation_label({{"augment", "acoustic"}}), "acoustic");
}

TEST(RunEvaluation, SingleRunIsAOneFoldCrossValidation) {
  test::TempDir dir;
  test::write_fake_run(dir / "run", 4, {.accuracy = 0.5});
  const auto cv = evaluate_run_set(load_run_set(dir / "run"));
  ASSERT_TRUE(cv);
  EXPECT_EQ(cv->folds.size(), 1u);
  EXPECT_EQ(cv->folds[0].fold, 4);
  EXPECT_DOUBLE_EQ(cv->pooled.accuracy, 0.5);
  EXPECT_DOUBLE_EQ(cv->std_accuracy, 0.0);
}

TEST(RunEvaluation, Names) {
  EXPECT_EQ(run_name("runs/balanced/"), "balanced");
  EXPECT_EQ(run_name("runs/balanced"), "balanced");
  test::TempDir dir;
  test::write_fake_run(dir / "a" / "x", 1, {});
  test::write_fake_run(dir / "b" / "x", 1, {});
  const auto names = run_names({load_run_set(dir / "a" / "x"), load_run_set(dir / "b" / "x")});
  EXPECT_EQ(names, (std::vector<std::string>{"x", "x (2)"}));
}

}  // namespace
}  // namespace esc50::eval
