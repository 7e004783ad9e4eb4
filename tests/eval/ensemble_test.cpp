// Cross-validation directories joined into an ensemble: what `esc50 ensemble` writes is a
// cross-validation directory like any other, scored on the mean probabilities.
#include <gtest/gtest.h>

#include "common/error.h"
#include "eval/ensemble_runs.h"
#include "fake_run.h"
#include "model/model_file.h"
#include "test_support.h"
#include "tiny_model.h"

namespace esc50::eval {
namespace {

namespace fs = std::filesystem;
using test::quoted;
using test::run_cli;

fs::path fake_cv(const test::TempDir& dir, const std::string& name, double accuracy, int folds = 2) {
  test::write_fake_cv(dir / name, folds, {.accuracy = accuracy});
  return dir / name;
}

TEST(CvEnsemble, ScoresTheMeanProbabilitiesOfEveryFold) {
  test::TempDir dir;
  // The fake runs get the same clips wrong, so the members' majority decides each clip.
  const auto right = fake_cv(dir, "right", 1.0), half = fake_cv(dir, "half", 0.5), wrong = fake_cv(dir, "half2", 0.5);
  const auto majority_right = write_cv_ensemble(dir / "e1", {right, right, half}).summary;
  const auto majority_half = write_cv_ensemble(dir / "e2", {right, half, wrong}).summary;
  ASSERT_EQ(majority_right.folds.size(), 2u);
  EXPECT_DOUBLE_EQ(majority_right.mean_acc, 1.0);
  EXPECT_DOUBLE_EQ(majority_half.mean_acc, 0.5);
  EXPECT_DOUBLE_EQ(majority_half.folds[0].seconds, 3 * 60.0) << "the ensemble costs its members' training";

  const auto set = runs::read_run_set(dir / "e2");
  ASSERT_TRUE(set.cross_validation);
  ASSERT_EQ(set.runs.size(), 2u);
  EXPECT_EQ(set.runs[1].fold, 2);
  EXPECT_EQ(set.runs[0].config.at("ensemble").size(), 3u);
  EXPECT_GT(*set.runs[0].final_metrics->test_loss, 0);
  EXPECT_TRUE(runs::all_problems(set).empty());
}

TEST(CvEnsemble, LeavesOutFoldsAMemberHasNotFinished) {
  test::TempDir dir;
  const auto three = fake_cv(dir, "three", 1.0, 3), two = fake_cv(dir, "two", 1.0, 2);
  const auto result = write_cv_ensemble(dir / "e", {three, two});
  EXPECT_EQ(result.summary.folds.size(), 2u);
  ASSERT_EQ(result.notes.size(), 1u + 2u) << "fold 3, and no models in fake runs";
  EXPECT_NE(result.notes.back().find("fold 3"), std::string::npos) << result.notes.back();
}

TEST(CvEnsemble, JoinsTheFoldModelsIntoOneEnsembleModel) {
  test::TempDir dir;
  const auto a = fake_cv(dir, "a", 1.0, 1), b = fake_cv(dir, "b", 0.5, 1);
  test::write_tiny_model(a / "fold-1" / "model.esc50", 0);
  test::write_tiny_model(b / "fold-1" / "model.esc50", 1);
  const auto result = write_cv_ensemble(dir / "e", {a, b});
  EXPECT_TRUE(result.notes.empty());
  EXPECT_EQ(model::read_model_file(dir / "e" / "fold-1" / "model.esc50").info.members, 2);
}

// Members with other features cannot be one model file, but their mean probabilities can be scored.
TEST(CvEnsemble, MembersWithOtherFeaturesAreScoredWithoutAModel) {
  test::TempDir dir;
  const auto a = fake_cv(dir, "a", 1.0, 1), b = fake_cv(dir, "b", 0.5, 1);
  test::write_tiny_model(a / "fold-1" / "model.esc50", 0);
  auto other = model::read_model_file(test::write_tiny_model(b / "fold-1" / "model.esc50", 1));
  other.info.features.n_mels *= 2;
  model::write_model_file(b / "fold-1" / "model.esc50", other.info, other.tensors);
  write_cv_ensemble(dir / "e", {a, a});
  ASSERT_TRUE(fs::exists(dir / "e" / "fold-1" / "model.esc50"));
  const auto result = write_cv_ensemble(dir / "e", {a, b});
  ASSERT_EQ(result.notes.size(), 1u);
  EXPECT_NE(result.notes[0].find("feature settings differ"), std::string::npos) << result.notes[0];
  EXPECT_EQ(result.summary.folds.size(), 1u);
  EXPECT_FALSE(fs::exists(dir / "e" / "fold-1" / "model.esc50")) << "the earlier ensemble's model is gone";
}

TEST(CvEnsemble, RefusesRunDirectoriesAndWritingIntoAMember) {
  test::TempDir dir;
  const auto a = fake_cv(dir, "a", 1.0, 1), b = fake_cv(dir, "b", 1.0, 1);
  EXPECT_THROW(write_cv_ensemble(dir / "e", {a / "fold-1", b}), Error);
  try {
    write_cv_ensemble(a, {a, b});
    ADD_FAILURE() << "wrote into a member";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("is one of the ensemble's members"), std::string::npos) << e.what();
  }
}

TEST(CvEnsemble, RewritesAnEarlierEnsembleButNeverTrainedRuns) {
  test::TempDir dir;
  const auto a = fake_cv(dir, "a", 1.0, 1), b = fake_cv(dir, "b", 0.5, 1), other = fake_cv(dir, "other", 1.0, 1);
  write_cv_ensemble(dir / "e", {a, b});
  EXPECT_NO_THROW(write_cv_ensemble(dir / "e", {a, b, other}));
  EXPECT_EQ(runs::read_run_set(dir / "e").runs[0].config.at("ensemble").size(), 3u);
  try {
    write_cv_ensemble(other, {a, b});
    ADD_FAILURE() << "replaced a trained cross-validation";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("holds runs that are not an ensemble"), std::string::npos) << e.what();
  }
  EXPECT_THROW(write_cv_ensemble(other / "fold-1", {a, b}), Error) << "a run directory is no place for one either";
  EXPECT_FALSE(runs::read_run_set(other).runs[0].config.contains("ensemble"));
}

TEST(EnsembleCommand, JoinsCrossValidationsAndPrintsTheirAccuracy) {
  test::TempDir dir;
  const auto a = fake_cv(dir, "a", 1.0), b = fake_cv(dir, "b", 1.0);
  const auto r = run_cli("ensemble " + quoted(a) + " " + quoted(b) + " --out " + quoted(dir / "e"));
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("ensemble of 2 over 2 folds: 100.00 ± 0.00 %"), std::string::npos) << r.output;
  const auto evaluate = run_cli("evaluate --run " + quoted(dir / "e"));
  EXPECT_EQ(evaluate.status, 0) << evaluate.output;
}

TEST(EnsembleCommand, JoinsModelFilesAndRefusesOneNetwork) {
  test::TempDir dir;
  const auto a = test::write_tiny_model(dir / "a.esc50", 0), b = test::write_tiny_model(dir / "b.esc50", 1);
  auto r = run_cli("ensemble " + quoted(a) + " " + quoted(b) + " --out " + quoted(dir / "ab.esc50"));
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("ensemble of 2 tinycnn networks"), std::string::npos) << r.output;
  r = run_cli("ensemble " + quoted(a) + " --out " + quoted(dir / "one.esc50"));
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("at least two networks"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(dir / "one.esc50"));
}

}  // namespace
}  // namespace esc50::eval
