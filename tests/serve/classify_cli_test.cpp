// `esc50 classify` end to end: the built CLI on generated audio with the tiny model.
#include <array>
#include <fstream>
#include <cmath>
#include <cstdio>
#include <numbers>

#include <nlohmann/json.hpp>

#include "audio/audio.h"
#include "test_support.h"
#include "tiny_model.h"

namespace esc50 {
namespace {

struct Run {
  int status = 0;
  std::string out;
};

Run run_cli(const std::string& args) {
  const auto command = test::cli_path().string() + " " + args + " 2>&1";
  Run run;
  FILE* pipe = popen(command.c_str(), "r");
  std::array<char, 4096> buffer{};
  for (size_t n; (n = fread(buffer.data(), 1, buffer.size(), pipe)) > 0;) run.out.append(buffer.data(), n);
  run.status = pclose(pipe);
  return run;
}

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
  EXPECT_EQ(r.status, 0) << r.out;
  EXPECT_NE(r.out.find("a.wav"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(" 3. class_"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find(" 4. "), std::string::npos) << r.out;
}

TEST_F(ClassifyCli, JsonTimelineForLongAudioAndRecursiveFolders) {
  write_tone(dir_ / "clips/long.wav", 12);
  write_tone(dir_ / "clips/sub/short.wav", 2);
  const auto r = run_cli("classify --quiet --json --timeline --model " + model_ + " " + (dir_ / "clips").string());
  ASSERT_EQ(r.status, 0) << r.out;
  const auto j = nlohmann::json::parse(r.out);
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
  EXPECT_NE(r.out.find("good.wav"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("esc50: error: " + (dir_ / "bad.wav").string()), std::string::npos) << r.out;
}

TEST_F(ClassifyCli, MissingOrCorruptModelIsAClearError) {
  write_tone(dir_ / "a.wav", 1);
  auto r = run_cli("classify --model " + (dir_ / "none.esc50").string() + " " + (dir_ / "a.wav").string());
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.out.find("none.esc50"), std::string::npos) << r.out;
  std::ofstream(dir_ / "corrupt.esc50") << "ESC50MODEL\nxx";
  r = run_cli("classify --model " + (dir_ / "corrupt.esc50").string() + " " + (dir_ / "a.wav").string());
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.out.find("corrupt.esc50"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace esc50
