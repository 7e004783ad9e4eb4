#include <gtest/gtest.h>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/csv.h"
#include "eval/metrics_io.h"
#include "runs/predictions.h"
#include "fake_run.h"
#include "test_support.h"

namespace esc50::eval {
namespace {

runs::Predictions sample_predictions() {
  runs::Predictions p{{"dog", "cat, \"wild\"", "bird"}, {}};
  p.clips = {{"1-1-A-0", 0, 1, {0.7f, 0.2f, 0.1f}},
             {"1-2-A-1", 1, 1, {0.6f, 0.3f, 0.1f}},
             {"2-3-A-2", 2, 2, {0.1f, 0.3f, 0.6f}},
             {"2-4-A-2", 2, 2, {0.2f, 0.5f, 0.3f}}};
  return p;
}

TEST(PredictionsFile, RoundTrip) {
  test::TempDir dir;
  const auto p = sample_predictions();
  runs::write_predictions(dir / "predictions.json", p);
  const auto back = runs::read_predictions(dir / "predictions.json");
  EXPECT_EQ(back.class_names, p.class_names);
  ASSERT_EQ(back.clips.size(), p.clips.size());
  for (size_t i = 0; i < p.clips.size(); ++i) {
    EXPECT_EQ(back.clips[i].stem, p.clips[i].stem);
    EXPECT_EQ(back.clips[i].target, p.clips[i].target);
    EXPECT_EQ(back.clips[i].fold, p.clips[i].fold);
    EXPECT_EQ(back.clips[i].probs, p.clips[i].probs);
  }
}

TEST(PredictionsFile, BadContentsNameTheFileAndProblem) {
  test::TempDir dir;
  const auto file = dir / "predictions.json";
  auto expect_error = [&](const std::string& text, const std::string& problem) {
    write_file_atomic(file, text);
    try {
      runs::read_predictions(file);
      ADD_FAILURE() << "no error for " << text;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(file.string()), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(problem), std::string::npos) << e.what();
    }
  };
  expect_error("{not json", "not valid JSON");
  expect_error(R"({"class_names": ["a", "b"], "clips": [{"stem": "x", "target": 0, "probs": [1]}]})",
               "1 probabilities for 2 classes");
  expect_error(R"({"class_names": ["a"], "clips": [{"stem": "x", "target": 3, "probs": [1]}]})",
               "target 3");
  expect_error(R"({"class_names": ["a"], "clips": [{"target": 0, "probs": [1]}]})", "clips[0]");
  expect_error(R"({"class_names": [], "clips": []})", "empty");
  EXPECT_THROW(runs::read_predictions(dir / "missing.json"), Error);
}

TEST(MetricsJson, HoldsWhatTheMetricsHold) {
  const auto m = compute_metrics(sample_predictions(), {.top_k = 2});
  const auto j = nlohmann::json::parse(metrics_to_json(m).dump());
  EXPECT_EQ(j.at("clips"), 4);
  EXPECT_EQ(j.at("accuracy").get<double>(), m.accuracy);
  EXPECT_EQ(j.at("top_k"), 2);
  EXPECT_EQ(j.at("top_k_accuracy").get<double>(), m.top_k_accuracy);
  EXPECT_EQ(j.at("class_names").get<std::vector<std::string>>(), m.class_names);
  ASSERT_EQ(j.at("per_class").size(), 3u);
  EXPECT_EQ(j["per_class"][1].at("name"), "cat, \"wild\"");
  EXPECT_EQ(j["per_class"][1].at("precision").get<double>(), m.per_class[1].precision);
  EXPECT_EQ(j["per_class"][2].at("support"), 2);
  EXPECT_EQ(j.at("macro").at("f1").get<double>(), m.macro.f1);
  EXPECT_EQ(j.at("confusion").get<std::vector<std::vector<int>>>(), m.confusion);
  ASSERT_EQ(j.at("confused_pairs").size(), m.confused_pairs.size());
  EXPECT_EQ(j["confused_pairs"][0].at("actual_name"), m.class_names[size_t(m.confused_pairs[0].actual)]);
  EXPECT_TRUE(j.at("categories").empty());
}

TEST(MetricsJson, ListsESC50sCategories) {
  test::TempDir dir;
  test::write_fake_run(dir / "run", 1, {});
  const auto m = compute_metrics(runs::read_predictions(dir / "run" / "predictions.json"));
  ASSERT_EQ(m.groups.size(), 5u);
  const auto categories = metrics_to_json(m).at("categories");
  ASSERT_EQ(categories.size(), 5u);
  EXPECT_EQ(categories[0].at("name"), m.groups[0].name);
  EXPECT_EQ(categories[0].at("accuracy").get<double>(), m.groups[0].accuracy);
}

TEST(CvJson, HoldsPooledAndPerFoldMetrics) {
  auto p = sample_predictions();
  runs::Predictions fold1{p.class_names, {p.clips[0], p.clips[1]}}, fold2{p.class_names, {p.clips[2], p.clips[3]}};
  const auto cv = compute_cv_metrics({{1, fold1}, {2, fold2}});
  const auto j = nlohmann::json::parse(cv_metrics_to_json(cv).dump());
  EXPECT_EQ(j.at("pooled"), metrics_to_json(cv.pooled));
  ASSERT_EQ(j.at("folds").size(), 2u);
  EXPECT_EQ(j["folds"][1].at("fold"), 2);
  EXPECT_EQ(j["folds"][1].at("metrics"), metrics_to_json(cv.folds[1].metrics));
  EXPECT_EQ(j.at("mean_accuracy").get<double>(), cv.mean_accuracy);
  EXPECT_EQ(j.at("std_accuracy").get<double>(), cv.std_accuracy);
}

TEST(PerClassCsv, OneRowPerClassWithExactNumbers) {
  const auto m = compute_metrics(sample_predictions());
  const auto rows = parse_csv(per_class_csv(m), "per-class.csv");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0], (CsvRow{"class", "name", "precision", "recall", "f1", "support", "predicted", "correct"}));
  for (size_t c = 0; c < 3; ++c) {
    const auto& row = rows[c + 1];
    ASSERT_EQ(row.size(), 8u);
    EXPECT_EQ(row[0], std::to_string(c));
    EXPECT_EQ(row[1], m.class_names[c]);  // including the name with a comma and quotes
    EXPECT_EQ(std::stod(row[2]), m.per_class[c].precision);  // bit-exact
    EXPECT_EQ(std::stod(row[4]), m.per_class[c].f1);
    EXPECT_EQ(std::stoi(row[5]), m.per_class[c].support);
  }
}

TEST(ConfusionCsv, HeaderOfNamesThenOneRowOfCountsPerActualClass) {
  const auto m = compute_metrics(sample_predictions());
  const auto rows = parse_csv(confusion_csv(m.class_names, m.confusion), "confusion.csv");
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0], (CsvRow{"actual\\predicted", "dog", "cat, \"wild\"", "bird"}));
  for (size_t a = 0; a < 3; ++a) {
    EXPECT_EQ(rows[a + 1][0], m.class_names[a]);
    for (size_t p = 0; p < 3; ++p) EXPECT_EQ(std::stoi(rows[a + 1][p + 1]), m.confusion[a][p]);
  }
}

TEST(Csv, QuotingAndErrors) {
  EXPECT_EQ(csv_line({"a", "b,c", "d\"e"}), "a,\"b,c\",\"d\"\"e\"\n");
  const auto rows = parse_csv("a,\"b,c\",\"d\"\"e\"\r\nx,,\n", "t.csv");
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0], (CsvRow{"a", "b,c", "d\"e"}));
  EXPECT_EQ(rows[1], (CsvRow{"x", "", ""}));
  EXPECT_THROW(parse_csv("a,\"open\n", "t.csv"), Error);
  EXPECT_EQ(csv_number(0.1), "0.1");
}

TEST(EvaluationFiles, WrittenIntoTheDirectory) {
  test::TempDir dir;
  const auto m = compute_metrics(sample_predictions());
  write_evaluation(dir.path(), m, {{"source", "predictions.json"}});
  const auto files = evaluation_files(dir.path());
  const auto j = nlohmann::json::parse(read_file(files.json));
  EXPECT_EQ(j["source"], "predictions.json");
  EXPECT_EQ(j["metrics"], metrics_to_json(m));
  EXPECT_EQ(read_file(files.per_class_csv), per_class_csv(m));
  EXPECT_EQ(read_file(files.confusion_csv), confusion_csv(m.class_names, m.confusion));
}

}  // namespace
}  // namespace esc50::eval
