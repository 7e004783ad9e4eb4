#include <fstream>

#include "serve/run_catalog.h"
#include "test_support.h"

namespace esc50::serve {
namespace {

namespace fs = std::filesystem;

void write(const fs::path& file, const std::string& text) {
  fs::create_directories(file.parent_path());
  std::ofstream(file) << text;
}

runs::Predictions predictions(const std::vector<std::pair<int, int>>& target_predicted) {
  runs::Predictions p{.class_names = {"a", "b", "c"}, .clips = {}};
  for (auto [target, predicted] : target_predicted) {
    std::vector<float> probs(3, 0.1f);
    probs[size_t(predicted)] = 0.8f;
    p.clips.push_back({"x", target, 1, probs});
  }
  return p;
}

// Written as training writes it, with one corrupt line appended to metrics.jsonl.
void write_run(const fs::path& dir, int fold, double acc, const std::vector<std::pair<int, int>>& preds) {
  fs::create_directories(dir);
  const runs::RunPaths run{dir};
  runs::write_config(run, {{"model", "tinycnn"}, {"protocol", "official"}, {"fold", fold}});
  runs::write_metrics(run, {{.epoch = 1, .train_loss = 2, .train_acc = 0.2, .val_acc = 0.3},
                            {.epoch = 2, .train_loss = 1, .train_acc = 0.6, .val_acc = 0.5}});
  std::ofstream(run.metrics(), std::ios::app) << "{\"epoch\":3,\"va\n";
  runs::write_final(run, {.epochs = 2, .seconds = 3, .fold = fold, .test_acc = acc, .best_epoch = 2});
  runs::write_predictions(run, predictions(preds));
}

class RunCatalogTest : public ::testing::Test {
 protected:
  test::TempDir root_;
  void SetUp() override {
    write_run(root_ / "single", 2, 0.5, {{0, 0}, {1, 2}});
    write_run(root_ / "cv/fold-1", 1, 0.6, {{0, 0}, {2, 2}});
    write_run(root_ / "cv/fold-2", 2, 0.4, {{1, 0}});
    runs::write_cv_summary(root_ / "cv", "official", "tinycnn", nullptr);
    write(root_ / "not-a-run/readme.txt", "x");
  }
};

TEST_F(RunCatalogTest, ListsRunsAndCrossValidationsWithTheirSummaries) {
  const auto runs = RunCatalog(root_.path()).list();
  ASSERT_EQ(runs.size(), 4u);
  EXPECT_EQ(runs[0]["id"], "cv");
  EXPECT_EQ(runs[0]["kind"], "cv");
  EXPECT_DOUBLE_EQ(runs[0]["mean_acc"].get<double>(), 0.5);
  EXPECT_EQ(runs[1]["id"], "cv/fold-1");
  EXPECT_EQ(runs[1]["parent"], "cv");
  EXPECT_EQ(runs[3]["id"], "single");
  EXPECT_EQ(runs[3]["model"], "tinycnn");
  EXPECT_TRUE(runs[3]["parent"].is_null());
}

TEST_F(RunCatalogTest, RunDetailsHaveCurvesAndConfusion) {
  const auto details = RunCatalog(root_.path()).details("single");
  ASSERT_TRUE(details);
  EXPECT_EQ((*details)["metrics"].size(), 2u);
  ASSERT_EQ((*details)["problems"].size(), 1u) << "the corrupt line is reported, not skipped silently";
  EXPECT_NE((*details)["problems"][0].get<std::string>().find("metrics.jsonl: line 3"), std::string::npos)
      << (*details)["problems"];
  EXPECT_EQ((*details)["class_names"].size(), 3u);
  const auto confusion = (*details)["confusion"].get<std::vector<std::vector<int>>>();
  EXPECT_EQ(confusion[0][0], 1);
  EXPECT_EQ(confusion[1][2], 1);
}

TEST_F(RunCatalogTest, CrossValidationPoolsTheFoldsConfusion) {
  const auto details = RunCatalog(root_.path()).details("cv");
  ASSERT_TRUE(details);
  EXPECT_EQ((*details)["folds"].size(), 2u);
  const auto confusion = (*details)["confusion"].get<std::vector<std::vector<int>>>();
  EXPECT_EQ(confusion[0][0], 1);
  EXPECT_EQ(confusion[2][2], 1);
  EXPECT_EQ(confusion[1][0], 1);
}

TEST_F(RunCatalogTest, UnknownOrEscapingIdsAreNotFound) {
  RunCatalog catalog(root_.path());
  EXPECT_FALSE(catalog.details("nope"));
  EXPECT_FALSE(catalog.details("../single"));
  EXPECT_FALSE(catalog.details("/etc"));
  EXPECT_FALSE(catalog.details("not-a-run"));
}

TEST_F(RunCatalogTest, BrokenFilesAreReportedNotFatal) {
  write(root_ / "single/final.json", "{broken");
  const auto details = RunCatalog(root_.path()).details("single");
  ASSERT_TRUE(details);
  EXPECT_TRUE((*details)["final"].is_null());
  bool named = false;
  for (const auto& problem : (*details)["problems"]) named |= problem.get<std::string>().find("final.json") != std::string::npos;
  EXPECT_TRUE(named) << (*details)["problems"];
  EXPECT_EQ(RunCatalog(root_.path()).list().size(), 4u);
}

TEST(RunCatalog, MissingRootListsNothing) {
  EXPECT_TRUE(RunCatalog("/nonexistent/runs").list().empty());
}

TEST(Confusion, RowsAreTrueClassesColumnsPredicted) {
  const auto confusion = confusion_from_predictions(predictions({{0, 0}, {1, 2}, {1, 2}}));
  EXPECT_EQ(confusion, (std::vector<std::vector<int>>{{1, 0, 0}, {0, 0, 2}, {0, 0, 0}}));
}

}  // namespace
}  // namespace esc50::serve
