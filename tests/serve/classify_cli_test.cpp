// `esc50 classify` end to end: the built CLI on generated audio with the tiny model.
#include <cmath>
#include <fstream>
#include <numbers>

#include <nlohmann/json.hpp>

#include "audio/audio.h"
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

}  // namespace
}  // namespace esc50
