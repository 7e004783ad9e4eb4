// End-to-end checks of the esc50 binary: outputs, exit codes and messages.
#include "common/npy.h"
#include "train/train_settings.h"
#include "test_support.h"

namespace esc50 {
namespace {

using test::run_cli;

TEST(Cli, VersionNamesTheBuildTheEngineAndTheCpuFeaturesUsed) {
  auto r = run_cli("--version");
  EXPECT_EQ(r.status, 0) << r.output;
  for (const char* part : {"esc50 ", "commit ", "oneDNN ", "AVX-512 ", "native bf16 ", "AMX ", "auto precision: "})
    EXPECT_NE(r.output.find(part), std::string::npos) << part << " in " << r.output;
}

// Only esc50-train loads LibTorch (about a second of start-up); esc50 runs everything else.
TEST(Cli, TheProgramDoesNotLinkLibTorch) {
  auto r = test::run_command("ldd " + std::string(ESC50_CLI_PATH));
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("libdnnl"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("libtorch"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find("libc10"), std::string::npos) << r.output;
}

TEST(Cli, InfoPrintsFormatRateChannelsDurationAndLevels) {
  ESC50_REQUIRE_FIXTURES();
  auto r = run_cli("info " + (test::fixtures_dir() / "tones_22050.wav").string());
  EXPECT_EQ(r.status, 0) << r.output;
  for (const char* field : {"22050 Hz", "channels:    1", "5.000 s", "peak:", "rms:", "dBFS"})
    EXPECT_NE(r.output.find(field), std::string::npos) << field << "\n" << r.output;
}

TEST(Cli, FeaturesWritesNpyAndPng) {
  ESC50_REQUIRE_FIXTURES();
  test::TempDir tmp;
  auto r = run_cli("features " + (test::fixtures_dir() / "chirp_22050.wav").string() + " --n-mels 64 --out " +
                   (tmp / "c.npy").string() + " --png " + (tmp / "c.png").string());
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("64 mels x 216 frames"), std::string::npos) << r.output;
  EXPECT_EQ(read_npy(tmp / "c.npy").shape, (std::vector<int64_t>{64, 216}));
  EXPECT_GT(std::filesystem::file_size(tmp / "c.png"), 100u);
}

// A cache rendered ahead of time by `esc50 features` must be the one training reads.
TEST(Cli, FeaturesDefaultToTheTrainingFeatureSettings) {
  ESC50_REQUIRE_FIXTURES();
  test::TempDir tmp;
  auto r = run_cli("features " + (test::fixtures_dir() / "chirp_22050.wav").string() + " --out " + (tmp / "c.npy").string());
  ASSERT_EQ(r.status, 0) << r.output;
  const auto n_mels = train::default_training_features().n_mels;
  EXPECT_NE(r.output.find(std::to_string(n_mels) + " mels x 216 frames"), std::string::npos) << r.output;
  EXPECT_EQ(read_npy(tmp / "c.npy").shape, (std::vector<int64_t>{n_mels, 216}));
}

TEST(Cli, SettingOutsideItsRangeIsRefused) {
  auto r = run_cli("features x.wav --out y.npy --n-mels 0");
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.output.find("n-mels"), std::string::npos) << r.output;
}

TEST(Cli, DatasetWithoutLocationNamesTheFix) {
  test::TempDir tmp;
  auto r = run_cli("features --data " + (tmp / "nowhere").string() + " --cache " + (tmp / "c").string());
  EXPECT_EQ(r.status, 1);
  EXPECT_NE(r.output.find("esc50.csv"), std::string::npos) << r.output;
}

TEST(Cli, HelpDocumentsEverySubcommandAndDefaults) {
  auto r = run_cli("--help");
  EXPECT_EQ(r.status, 0);
  for (const char* cmd : {"info", "features", "settings"}) EXPECT_NE(r.output.find(cmd), std::string::npos);
  auto f = run_cli("features --help");
  EXPECT_NE(f.output.find("--hop-length INT:INT in [16 - 8192]=512"), std::string::npos) << f.output;
}

TEST(Cli, SettingsDocumentsEveryTableAndEachModelsCost) {
  auto r = run_cli("settings");
  ASSERT_EQ(r.status, 0) << r.output;
  for (const char* section : {"## Feature settings", "## Augmentation", "## Training", "## Models", "### esc50net", "### resnet34", "| `blocks` |"})
    EXPECT_NE(r.output.find(section), std::string::npos) << section << "\n" << r.output;
  // The reference ResNet34 for one input channel and 50 classes has exactly this many.
  EXPECT_NE(r.output.find("21304050 parameters"), std::string::npos) << r.output;
}

}  // namespace
}  // namespace esc50
