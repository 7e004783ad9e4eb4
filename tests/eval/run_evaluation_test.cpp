#include <gtest/gtest.h>

#include "runs/run_directory.h"
#include "eval/run_evaluation.h"
#include "fake_run.h"
#include "test_support.h"

namespace esc50::eval {
namespace {

TEST(RunEvaluation, UnfinishedRunHasNothingToEvaluate) {
  test::TempDir dir;
  test::write_fake_run(dir / "run", 1, {});
  std::filesystem::remove(dir / "run" / "predictions.json");
  EXPECT_FALSE(evaluate_run_set(runs::read_run_set(dir / "run")));
}

TEST(RunEvaluation, SingleRunIsAOneFoldCrossValidation) {
  test::TempDir dir;
  test::write_fake_run(dir / "run", 4, {.accuracy = 0.5});
  const auto cv = evaluate_run_set(runs::read_run_set(dir / "run"));
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
  const auto names = run_names({runs::read_run_set(dir / "a" / "x"), runs::read_run_set(dir / "b" / "x")});
  EXPECT_EQ(names, (std::vector<std::string>{"x", "x (2)"}));
}

}  // namespace
}  // namespace esc50::eval
