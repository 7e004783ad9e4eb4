// Run and cross-validation directories: what training writes is what evaluation and the
// server read, and what cannot be read is reported.
#include <gtest/gtest.h>

#include <cmath>
#include <fstream>

#include "common/atomic_file.h"
#include "common/error.h"
#include "runs/run_directory.h"
#include "test_support.h"

namespace esc50::runs {
namespace {

namespace fs = std::filesystem;

Predictions two_clips() {
  return {.class_names = {"hum", "click"}, .clips = {{"a", 0, 1, {0.9f, 0.1f}}, {"b", 1, 1, {0.3f, 0.7f}}}};
}

RunPaths write_run(const fs::path& dir, int fold, double test_acc) {
  fs::create_directories(dir);
  const RunPaths run{dir};
  write_config(run, {{"model", "tinycnn"}, {"fold", fold}, {"augment", {{"policy", "balanced"}}}});
  write_environment(run, {{"git_commit", "abc"}});
  write_metrics(run, {{.epoch = 1, .train_loss = 2.5, .train_acc = 0.25, .lr = 1e-3, .seconds = 4,
                       .val_loss = 2.0, .val_acc = 0.3, .per_class_recall = {0.2, 0.4}},
                      {.epoch = 2, .train_loss = 1.5, .train_acc = 0.5, .lr = 5e-4, .seconds = 4,
                       .augment_strengths = std::vector<double>{0.5, 0.6}}});
  write_final(run, {.epochs = 2, .seconds = 8, .steps = 10, .model = "tinycnn", .protocol = "official",
                    .fold = fold, .train_clips = 16, .test_clips = 2, .test_acc = test_acc, .test_loss = 0.7,
                    .val_acc = 0.3, .val_loss = 2.0, .best_epoch = 1, .best_metric = "val_loss", .best_value = 2.0});
  write_predictions(run, two_clips());
  return run;
}

TEST(RunDirectory, WhatIsWrittenReadsBackTyped) {
  test::TempDir dir;
  write_run(dir / "run", 3, 0.5);
  const auto run = read_run(dir / "run");
  EXPECT_TRUE(run.problems.empty());
  EXPECT_EQ(run.fold, 3);
  EXPECT_EQ(augmentation_label(run.config), "balanced");
  EXPECT_EQ(run.environment["git_commit"], "abc");
  ASSERT_EQ(run.epochs.size(), 2u);
  EXPECT_EQ(run.epochs[0].val_acc, 0.3);
  EXPECT_EQ(run.epochs[0].per_class_recall, (std::vector<double>{0.2, 0.4}));
  EXPECT_FALSE(run.epochs[1].val_loss);
  EXPECT_EQ(run.epochs[1].augment_strengths, (std::vector<double>{0.5, 0.6}));
  ASSERT_TRUE(run.final_metrics);
  EXPECT_EQ(run.final_metrics->test_acc, 0.5);
  EXPECT_EQ(run.final_metrics->best_metric, "val_loss");
  EXPECT_EQ(run.final_metrics->to_json()["best_val_loss"], 2.0);
  EXPECT_EQ(run.final_metrics->to_json(), FinalMetrics::from_json(run.final_metrics->to_json(), "x").to_json());
  ASSERT_TRUE(run.predictions);
  EXPECT_EQ(run.predictions->clips[1].probs, (std::vector<float>{0.3f, 0.7f}));
  EXPECT_FALSE(read_run(dir / "run", {.predictions = false}).predictions) << "listings skip the largest file";
}

TEST(RunDirectory, ARecallOfAClassWithoutValidationClipsReadsBackAsNaN) {
  EpochMetrics m;
  m.epoch = 1;
  m.per_class_recall = {0.5, std::nan("")};
  const auto back = EpochMetrics::from_json(nlohmann::json::parse(m.to_json().dump()), "metrics.jsonl");
  ASSERT_EQ(back.per_class_recall.size(), 2u);
  EXPECT_EQ(back.per_class_recall[0], 0.5);
  EXPECT_TRUE(std::isnan(back.per_class_recall[1]));
}

TEST(RunDirectory, CrossValidationInFoldOrderWithOneSummary) {
  test::TempDir dir;
  write_run(fold_dir(dir.path(), 10), 10, 0.9);
  write_run(fold_dir(dir.path(), 2), 2, 0.7);
  write_run(fold_dir(dir.path(), 1), 1, 0.5);
  fs::create_directories(dir / "fold-x");  // not a run: ignored
  const auto summary = write_cv_summary(dir.path(), "official", "tinycnn", {{"seed", 0}});
  EXPECT_NEAR(summary.mean_acc, 0.7, 1e-12);
  EXPECT_NEAR(summary.std_acc, 0.2, 1e-12) << "the sample standard deviation";
  EXPECT_DOUBLE_EQ(summary.seconds, 24);
  const auto set = read_run_set(dir.path());
  EXPECT_TRUE(set.cross_validation);
  ASSERT_EQ(set.runs.size(), 3u);
  EXPECT_EQ(set.runs[0].fold, 1);
  EXPECT_EQ(set.runs[2].fold, 10);
  ASSERT_TRUE(set.summary);
  EXPECT_EQ(set.summary->to_json(), summary.to_json());
  EXPECT_TRUE(is_cv_dir(dir.path()));
  EXPECT_FALSE(is_cv_dir(fold_dir(dir.path(), 1)));
  EXPECT_EQ(find_run_dirs(dir.path(), 2).size(), 4u);  // the CV and its three folds
}

TEST(RunDirectory, CorruptMetricsLinesAreReportedNotSkippedSilently) {
  test::TempDir dir;
  const auto run = write_run(dir / "run", 1, 0.5);
  write_file_atomic(run.metrics(), read_file(run.metrics()) + "garbage\n{\"epoch\": 4}\n");
  for (bool strict : {true, false}) {
    const auto read = read_run(run.dir, {.strict = strict});
    EXPECT_EQ(read.epochs.size(), 2u);
    ASSERT_EQ(read.problems.size(), 2u);
    EXPECT_NE(read.problems[0].find("metrics.jsonl: line 3: not valid JSON"), std::string::npos) << read.problems[0];
    EXPECT_NE(read.problems[1].find("metrics.jsonl: line 4"), std::string::npos) << read.problems[1];
  }
}

TEST(RunDirectory, MalformedFilesThrowWhenStrictAndAreProblemsOtherwise) {
  test::TempDir dir;
  const auto run = write_run(dir / "run", 1, 0.5);
  write_file_atomic(run.final_metrics(), R"({"epochs": "two"})");
  try {
    read_run(run.dir);
    ADD_FAILURE() << "a malformed final.json was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("final.json"), std::string::npos) << e.what();
  }
  // Found by fuzz_run_dir: a number beyond double's range, and a float where an integer goes.
  for (const char* text : {R"({"epochs": 1e3001, "seconds": 1})", R"({"epochs": 1e300, "seconds": 1})"})
  {
    write_file_atomic(run.final_metrics(), text);
    EXPECT_THROW(read_run(run.dir), Error) << text;
  }
  const auto tolerant = read_run(run.dir, {.strict = false});
  EXPECT_FALSE(tolerant.final_metrics);
  ASSERT_EQ(tolerant.problems.size(), 1u);
  EXPECT_NE(tolerant.problems[0].find("final.json"), std::string::npos);
  EXPECT_TRUE(tolerant.predictions);
}

TEST(RunDirectory, NeitherRunNorCrossValidationIsAnError) {
  test::TempDir dir;
  EXPECT_THROW(read_run_set(dir.path()), Error);
  EXPECT_THROW(read_run_set(dir / "missing"), Error);
  write_file_atomic(dir / "config.json", "[1, 2]");
  EXPECT_THROW(read_run_set(dir.path()), Error);
}

TEST(RunDirectory, RobustnessConditionsAddUpAndACorruptFileIsNeverOverwritten) {
  test::TempDir dir;
  EXPECT_EQ(read_robustness(dir.path()), nlohmann::json::object());
  write_robustness(dir.path(), {{"clean", {{"accuracy", 0.8}}}});
  auto conditions = read_robustness(dir.path());
  conditions["noise"] = {{"accuracy", 0.7}};
  write_robustness(dir.path(), conditions);
  EXPECT_EQ(read_robustness(dir.path()).size(), 2u);
  for (const std::string corrupt : {"{\"clean\": ", "[1, 2]"}) {
    write_file_atomic(robustness_file(dir.path()), corrupt);
    try {
      read_robustness(dir.path());
      ADD_FAILURE() << "no error for " << corrupt;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(robustness_file(dir.path()).string()), std::string::npos) << e.what();
    }
  }
}

TEST(RunDirectory, AugmentationLabel) {
  EXPECT_EQ(augmentation_label({{"augment", {{"policy", "adaptive"}}}}), "adaptive");
  EXPECT_EQ(augmentation_label(nlohmann::json::object()), "none");
  EXPECT_EQ(augmentation_label({{"augment", "acoustic"}}), "acoustic");
}

}  // namespace
}  // namespace esc50::runs

namespace esc50::runs {
namespace {

TEST(Predictions, AverageMatchesClipsByNameAndMeansTheirProbabilities) {
  const auto first = two_clips();
  Predictions second{.class_names = {"hum", "click"}, .clips = {{"b", 1, 1, {0.1f, 0.9f}}, {"a", 0, 1, {0.3f, 0.7f}}}};
  const auto mean = average_predictions({first, second}, {"one", "two"});
  ASSERT_EQ(mean.clips.size(), 2u);
  EXPECT_EQ(mean.clips[0].stem, "a");
  EXPECT_NEAR(mean.clips[0].probs[0], 0.6f, 1e-6);
  EXPECT_NEAR(mean.clips[0].probs[1], 0.4f, 1e-6);
  EXPECT_NEAR(mean.clips[1].probs[1], 0.8f, 1e-6);
  EXPECT_NEAR(log_loss(mean), -(std::log(0.6) + std::log(0.8)) / 2, 1e-6);
}

TEST(Predictions, AveragingOtherClipsOrClassesNamesTheSource) {
  auto other_clip = two_clips();
  other_clip.clips[1].stem = "c";
  auto other_classes = two_clips();
  other_classes.class_names[1] = "tick";
  for (const auto& [second, problem] : {std::pair{other_clip, "clip c"}, std::pair{other_classes, "class names"}}) {
    try {
      average_predictions({two_clips(), second}, {"one.json", "two.json"});
      ADD_FAILURE() << "no error for " << problem;
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("two.json"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find(problem), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace esc50::runs
