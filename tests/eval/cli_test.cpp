// End to end: the esc50 binary's evaluate and report subcommands on fake runs.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "audio/audio_files.h"
#include "common/atomic_file.h"
#include "fake_run.h"
#include "test_support.h"

namespace esc50::eval {
namespace {

using test::quoted;
using test::run_cli;

TEST(EvaluateCommand, CrossValidationWritesPooledAndPerFoldFiles) {
  test::TempDir dir;
  test::write_fake_cv(dir / "cv", 2, {.accuracy = 0.75});
  const auto r = run_cli("evaluate --run " + quoted(dir / "cv"));
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("mean accuracy over 2 folds: 75.00 ± 0.00 %"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("most confused"), std::string::npos);
  const auto j = nlohmann::json::parse(read_file(dir / "cv" / "evaluation.json"));
  EXPECT_EQ(j["cross_validation"]["pooled"]["clips"], 200);
  EXPECT_TRUE(std::filesystem::exists(dir / "cv" / "evaluation-folds.csv"));
  EXPECT_TRUE(std::filesystem::exists(dir / "cv" / "evaluation-confusion.csv"));
  EXPECT_TRUE(std::filesystem::exists(dir / "cv" / "fold-2" / "evaluation-per-class.csv"));
}

TEST(EvaluateCommand, OneFoldOfACrossValidation) {
  test::TempDir dir;
  test::write_fake_cv(dir / "cv", 2, {.accuracy = 0.5});
  const auto r = run_cli("evaluate --run " + quoted(dir / "cv") + " --fold 2");
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("accuracy 50.00 %"), std::string::npos) << r.output;
  EXPECT_TRUE(std::filesystem::exists(dir / "cv" / "fold-2" / "evaluation.json"));
  EXPECT_FALSE(std::filesystem::exists(dir / "cv" / "fold-1" / "evaluation.json"));
}

TEST(EvaluateCommand, UserErrorsExitWithOneAndAMessage) {
  test::TempDir dir;
  auto r = run_cli("evaluate --run " + quoted(dir / "missing"));
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("missing: no such directory"), std::string::npos) << r.output;
  test::write_fake_cv(dir / "cv", 2, {});
  r = run_cli("evaluate --run " + quoted(dir / "cv") + " --fold 3");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("has no run for fold 3"), std::string::npos) << r.output;
}

// Without predictions.json the held-out clips are classified again with model.esc50; a fake
// run has no model, which must be reported as such.
TEST(EvaluateCommand, RecomputingNeedsDatasetAndModel) {
  test::TempDir dir;
  test::write_fake_cv(dir / "cv", 2, {});
  auto r = run_cli("evaluate --run " + quoted(dir / "cv") + " --data " + quoted(dir / "nowhere"));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("nowhere"), std::string::npos) << r.output;
  std::filesystem::create_directories(dir / "esc50" / "meta");
  std::filesystem::create_directories(dir / "esc50" / "audio");
  write_file_atomic(dir / "esc50" / "meta" / "esc50.csv",
                    "filename,fold,target,category,esc10,src_file,take\n"
                    "1-1-A-0.wav,1,0,dog,False,1,A\n2-2-A-1.wav,2,1,rooster,False,2,A\n");
  for (const char* clip : {"1-1-A-0.wav", "2-2-A-1.wav"})
    test::write_audio(dir / "esc50" / "audio" / clip, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 22050, 1,
                      test::sine_wave(440, 22050, 22050));
  r = run_cli("evaluate --run " + quoted(dir / "cv") + " --data " + quoted(dir / "esc50") + " --tta 2");
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("model.esc50"), std::string::npos) << r.output;
}

TEST(ReportCommand, WritesHtmlAndPngs) {
  test::TempDir dir;
  test::write_fake_cv(dir / "none", 2, {.policy = "none", .accuracy = 0.6});
  test::write_fake_run(dir / "single", 1, {.policy = "acoustic"});
  const auto r = run_cli("report " + quoted(dir / "none") + " " + quoted(dir / "single") +
                         " --out " + quoted(dir / "report.html") + " --png " + quoted(dir / "png") +
                         " --data " + quoted(dir / "no-dataset"));
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("no links to example clips"), std::string::npos) << r.output;
  const auto html = read_file(dir / "report.html");
  EXPECT_NE(html.find("\"augmentation\":\"acoustic\""), std::string::npos);
  for (const char* png : {"none-curves.png", "none-confusion.png", "single-curves.png"})
    EXPECT_TRUE(std::filesystem::exists(dir / "png" / png)) << png;
}

TEST(ReportCommand, ComparesTheRunsPairedByFoldAndByClassGroup) {
  test::TempDir dir;
  test::write_fake_cv(dir / "none", 2, {.policy = "none", .accuracy = 0.6});
  test::write_fake_cv(dir / "balanced", 2, {.policy = "balanced", .accuracy = 0.6});
  const auto cvs = quoted(dir / "none") + " " + quoted(dir / "balanced") + " --out " + quoted(dir / "r.html");
  const auto r = run_cli("report " + cvs + " --group farm=pig,cow --group engines=engine,train");
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("| balanced − none | 2 | 1: +0.00 / 2: +0.00 | +0.00 ± 0.00 | +0.00 … +0.00 | inside the noise |"),
            std::string::npos) << r.output;
  EXPECT_NE(r.output.find("| engines | engine, train |"), std::string::npos) << r.output;
  for (const char* bad : {"farm", "farm=pig,hamster"}) {
    std::filesystem::remove(dir / "r.html");
    const auto e = run_cli("report " + cvs + " --group " + bad);
    EXPECT_EQ(e.status, 1) << bad;
    EXPECT_NE(e.output.find("class group"), std::string::npos) << e.output;
    EXPECT_FALSE(std::filesystem::exists(dir / "r.html")) << bad;
  }
}

TEST(ReportCommand, NotARunIsAnError) {
  test::TempDir dir;
  const auto r = run_cli("report " + quoted(dir.path()) + " --out " + quoted(dir / "r.html"));
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("neither a run directory"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(dir / "r.html"));
}

}  // namespace
}  // namespace esc50::eval
