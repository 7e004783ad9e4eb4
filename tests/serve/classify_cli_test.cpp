// `esc50 classify` end to end: the built CLI on generated audio with the tiny model.
#include <cmath>
#include <fstream>
#include <numbers>

#include <nlohmann/json.hpp>

#include "audio/audio.h"
#include "common/npy.h"
#include "test_support.h"
#include "tiny_model.h"

namespace esc50 {
namespace {

using test::run_cli;

void write_tone(const std::filesystem::path& file, double seconds) {
  audio::Waveform wave{std::vector<float>(size_t(seconds * 22050)), 22050};
  for (size_t i = 0; i < wave.samples.size(); ++i)
    wave.samples[i] = 0.3f * float(std::sin(2 * std::numbers::pi * 300.0 * double(i) / 22050));
  audio::write_wav(file, wave);
}

class ClassifyCli : public ::testing::Test {
 protected:
  test::TempDir dir_;
  std::string model_;
  void SetUp() override { model_ = test::write_tiny_model(dir_ / "tiny.esc50").string(); }
};

TEST_F(ClassifyCli, PrintsTopKForAFile) {
  write_tone(dir_ / "a.wav", 5);
  const auto r = run_cli("classify --model " + model_ + " --top 3 " + (dir_ / "a.wav").string());
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("a.wav"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(" 3. class_"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find(" 4. "), std::string::npos) << r.output;
}

TEST_F(ClassifyCli, JsonTimelineForLongAudioAndRecursiveFolders) {
  write_tone(dir_ / "clips/long.wav", 12);
  write_tone(dir_ / "clips/sub/short.wav", 2);
  const auto r = run_cli("classify --quiet --json --timeline --model " + model_ + " " + (dir_ / "clips").string());
  ASSERT_EQ(r.status, 0) << r.output;
  const auto j = nlohmann::json::parse(r.output);
  ASSERT_EQ(j.size(), 2u);
  EXPECT_EQ(j[0]["windows"].size(), 4u);
  EXPECT_EQ(j[1]["windows"].size(), 1u);
  EXPECT_EQ(j[0]["top"].size(), 5u);
  EXPECT_EQ(j[0]["probabilities"].size(), 50u);
}

// Longer than the whole-file decoders' 600 s limit: streamed, with events and a CSV.
TEST_F(ClassifyCli, RecordingsOfAnyLengthGiveATimelineEventsAndCsv) {
  write_tone(dir_ / "long.wav", 620);
  const auto csv = dir_ / "timeline.csv";
  const auto r = run_cli("classify --quiet --json --timeline --events --threshold 0 --hop 5 --csv " + csv.string() +
                         " --model " + model_ + " " + (dir_ / "long.wav").string());
  ASSERT_EQ(r.status, 0) << r.output.substr(0, 2000);
  const auto j = nlohmann::json::parse(r.output);
  EXPECT_NEAR(j[0]["duration_s"].get<double>(), 620, 1e-6);
  EXPECT_EQ(j[0]["windows"].size(), 124u);  // 0, 5, ..., 615 s
  ASSERT_GE(j[0]["events"].size(), 1u);
  EXPECT_DOUBLE_EQ(j[0]["events"][0]["start_s"].get<double>(), 0);
  EXPECT_DOUBLE_EQ(j[0]["events"].back()["end_s"].get<double>(), 620);
  for (const char* key : {"class", "peak", "mean"}) EXPECT_TRUE(j[0]["events"][0].contains(key)) << key;
  std::ifstream in(csv);
  std::string header, row;
  std::getline(in, header);
  EXPECT_EQ(header, "file,kind,start_s,end_s,class,probability,mean");
  size_t windows = 0;
  while (std::getline(in, row)) windows += row.find(",window,") != std::string::npos;
  EXPECT_EQ(windows, 124u);
}

TEST_F(ClassifyCli, AnUnwritableCsvOrABadHopIsRefusedBeforeAnyWork) {
  write_tone(dir_ / "clip.wav", 1);
  const auto clip = " --model " + model_ + " " + (dir_ / "clip.wav").string();
  auto r = run_cli("classify --csv " + dir_.path().string() + clip);
  EXPECT_EQ(r.status, 1) << r.output;
  EXPECT_NE(r.output.find("is a directory"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("clip.wav:"), std::string::npos) << "nothing was classified\n" << r.output;
  for (const char* hop : {"nan", "0.00001", "-1"}) {
    r = run_cli(std::string("classify --hop ") + hop + clip);
    EXPECT_NE(r.status, 0) << hop;
    EXPECT_NE(r.output.find("--hop"), std::string::npos) << hop << "\n" << r.output;
  }
  r = run_cli("classify --threshold nan --events" + clip);
  EXPECT_NE(r.status, 0) << r.output;
}

TEST_F(ClassifyCli, BadFileFailsWithItsNameButOthersAreStillClassified) {
  write_tone(dir_ / "good.wav", 1);
  std::ofstream(dir_ / "bad.wav") << "not audio";
  const auto r = run_cli("classify --model " + model_ + " " + (dir_ / "good.wav").string() + " " +
                         (dir_ / "bad.wav").string());
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.output.find("good.wav"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("esc50: error: " + (dir_ / "bad.wav").string()), std::string::npos) << r.output;
}

TEST_F(ClassifyCli, MissingOrCorruptModelIsAClearError) {
  write_tone(dir_ / "a.wav", 1);
  auto r = run_cli("classify --model " + (dir_ / "none.esc50").string() + " " + (dir_ / "a.wav").string());
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.output.find("none.esc50"), std::string::npos) << r.output;
  std::ofstream(dir_ / "corrupt.esc50") << "ESC50MODEL\nxx";
  r = run_cli("classify --model " + (dir_ / "corrupt.esc50").string() + " " + (dir_ / "a.wav").string());
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.output.find("corrupt.esc50"), std::string::npos) << r.output;
}

TEST_F(ClassifyCli, EmbedWritesOneRowPerFileAndTheirNames) {
  write_tone(dir_ / "clips/a.wav", 7);
  write_tone(dir_ / "clips/b.wav", 2);
  const auto out = dir_ / "emb.npy";
  auto r = run_cli("embed --quiet --model " + model_ + " --out " + out.string() + " " + (dir_ / "clips").string());
  ASSERT_EQ(r.status, 0) << r.output;
  const auto array = read_npy(out);
  ASSERT_EQ(array.shape.size(), 2u);
  EXPECT_EQ(array.shape[0], 2);
  EXPECT_GT(array.shape[1], 0);
  std::ifstream csv(dir_ / "emb.csv");
  std::string header, first, second;
  std::getline(csv, header);
  std::getline(csv, first);
  std::getline(csv, second);
  EXPECT_EQ(header, "row,file,duration_s");
  EXPECT_NE(first.find("a.wav"), std::string::npos) << first;
  EXPECT_NE(second.find("b.wav"), std::string::npos) << second;

  std::ofstream(dir_ / "clips/broken.wav") << "RIFF junk";
  r = run_cli("embed --quiet --model " + model_ + " --out " + (dir_ / "none.npy").string() + " " +
              (dir_ / "clips").string());
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.output.find("broken.wav"), std::string::npos) << r.output;
  EXPECT_FALSE(std::filesystem::exists(dir_ / "none.npy"));
}

}  // namespace
}  // namespace esc50
