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

nlohmann::json predictions(const std::vector<std::pair<int, int>>& target_predicted) {
  nlohmann::json clips = nlohmann::json::array();
  for (auto [target, predicted] : target_predicted) {
    std::vector<double> probs(3, 0.1);
    probs[size_t(predicted)] = 0.8;
    clips.push_back({{"stem", "x"}, {"target", target}, {"fold", 1}, {"probs", probs}});
  }
  return {{"class_names", {"a", "b", "c"}}, {"clips", clips}};
}

void write_run(const fs::path& dir, int fold, double acc,
               const std::vector<std::pair<int, int>>& preds) {
  write(dir / "config.json", nlohmann::json{{"model", "tinycnn"}, {"protocol", "official"}, {"fold", fold}}.dump());
  write(dir / "metrics.jsonl", "{\"epoch\":1,\"val_acc\":0.3}\n{\"epoch\":2,\"val_acc\":0.5}\n{\"epoch\":3,\"va");
  write(dir / "final.json", nlohmann::json{{"test_acc", acc}, {"best_epoch", 2}}.dump());
  write(dir / "predictions.json", predictions(preds).dump());
}

class RunCatalogTest : public ::testing::Test {
 protected:
  test::TempDir root_;
  void SetUp() override {
    write_run(root_ / "single", 2, 0.5, {{0, 0}, {1, 2}});
    write_run(root_ / "cv/fold-1", 1, 0.6, {{0, 0}, {2, 2}});
    write_run(root_ / "cv/fold-2", 2, 0.4, {{1, 0}});
    write(root_ / "cv/summary.json", R"({"protocol":"official","model":"tinycnn","mean_acc":0.5,"std_acc":0.1,"folds":[{},{}]})");
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
  EXPECT_EQ((*details)["metrics"].size(), 2u) << "the half-written last line is skipped";
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
  EXPECT_TRUE((*details)["final"].contains("error"));
  EXPECT_EQ(RunCatalog(root_.path()).list().size(), 4u);
}

TEST(RunCatalog, MissingRootListsNothing) {
  EXPECT_TRUE(RunCatalog("/nonexistent/runs").list().empty());
}

TEST(Confusion, SkipsMalformedClips) {
  const auto p = nlohmann::json::parse(
      R"({"clips":[{"target":0,"probs":[0.9,0.1]},{"target":"x","probs":[1,0]},{"target":5,"probs":[1,0]},{"target":1,"probs":[1]}]})");
  const auto confusion = confusion_from_predictions(p, 2);
  EXPECT_EQ(confusion, (std::vector<std::vector<int>>{{1, 0}, {0, 0}}));
}

}  // namespace
}  // namespace esc50::serve
