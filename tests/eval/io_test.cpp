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

// Everything a Metrics holds shows in its JSON, so equal JSON means equal metrics.
void expect_same(const Metrics& a, const Metrics& b) {
  EXPECT_EQ(metrics_to_json(a), metrics_to_json(b));
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

TEST(MetricsJson, RoundTrip) {
  const auto m = compute_metrics(sample_predictions(), {.top_k = 2});
  const auto text = metrics_to_json(m).dump();
  expect_same(m, metrics_from_json(nlohmann::json::parse(text), "test"));
}

TEST(MetricsJson, RoundTripWithCategoryGroups) {
  test::TempDir dir;
  test::write_fake_run(dir / "run", 1, {});
  const auto m = compute_metrics(runs::read_predictions(dir / "run" / "predictions.json"));
  ASSERT_EQ(m.groups.size(), 5u);
  expect_same(m, metrics_from_json(metrics_to_json(m), "test"));
}

TEST(MetricsJson, MissingKeyIsAnErrorNamingTheSource) {
  auto j = metrics_to_json(compute_metrics(sample_predictions()));
  j.erase("per_class");
  try {
    metrics_from_json(j, "evaluation.json");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("evaluation.json"), std::string::npos);
  }
}

TEST(CvJson, RoundTrip) {
  auto p = sample_predictions();
  runs::Predictions fold1{p.class_names, {p.clips[0], p.clips[1]}}, fold2{p.class_names, {p.clips[2], p.clips[3]}};
  const auto cv = compute_cv_metrics({{1, fold1}, {2, fold2}});
  const auto back = cv_metrics_from_json(nlohmann::json::parse(cv_metrics_to_json(cv).dump()), "t");
  expect_same(cv.pooled, back.pooled);
  ASSERT_EQ(back.folds.size(), 2u);
  EXPECT_EQ(back.folds[1].fold, 2);
  expect_same(cv.folds[1].metrics, back.folds[1].metrics);
  EXPECT_DOUBLE_EQ(back.mean_accuracy, cv.mean_accuracy);
  EXPECT_DOUBLE_EQ(back.std_accuracy, cv.std_accuracy);
}

TEST(PerClassCsv, RoundTripIsExact) {
  const auto m = compute_metrics(sample_predictions());
  const auto back = per_class_from_csv(per_class_csv(m), "per-class.csv");
  EXPECT_EQ(back.class_names, m.class_names);  // including the name with a comma and quotes
  ASSERT_EQ(back.per_class.size(), m.per_class.size());
  for (size_t c = 0; c < m.per_class.size(); ++c) {
    EXPECT_EQ(back.per_class[c].precision, m.per_class[c].precision);  // bit-exact
    EXPECT_EQ(back.per_class[c].f1, m.per_class[c].f1);
    EXPECT_EQ(back.per_class[c].support, m.per_class[c].support);
  }
}

TEST(PerClassCsv, MalformedRowsAreErrors) {
  EXPECT_THROW(per_class_from_csv("foo,bar\n", "x.csv"), Error);
  const std::string header = "class,name,precision,recall,f1,support,predicted,correct\n";
  EXPECT_THROW(per_class_from_csv(header + "0,a,zero,0,0,1,1,1\n", "x.csv"), Error);
  EXPECT_THROW(per_class_from_csv(header + "0,a,0,0\n", "x.csv"), Error);
  EXPECT_THROW(per_class_from_csv(header + "1,a,0,0,0,1,1,1\n", "x.csv"), Error);
}

TEST(ConfusionCsv, RoundTrip) {
  const auto m = compute_metrics(sample_predictions());
  const auto text = confusion_csv(m.class_names, m.confusion);
  const auto back = confusion_from_csv(text, "confusion.csv");
  EXPECT_EQ(back.class_names, m.class_names);
  EXPECT_EQ(back.counts, m.confusion);
  EXPECT_THROW(confusion_from_csv("x,a,b\na,1,2\n", "c.csv"), Error);  // missing row
  EXPECT_THROW(confusion_from_csv("x,a\nb,1\n", "c.csv"), Error);      // wrong row label
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
  expect_same(m, metrics_from_json(j["metrics"], files.json.string()));
  EXPECT_EQ(per_class_from_csv(read_file(files.per_class_csv), "x").class_names, m.class_names);
  EXPECT_EQ(confusion_from_csv(read_file(files.confusion_csv), "x").counts, m.confusion);
}

}  // namespace
}  // namespace esc50::eval
