// Crash safety of what esc50 writes: `kill -9` in the middle of computing the feature cache,
// of rendering augmented variants and of writing a report leaves nothing corrupt, and the
// same command run again completes; a full disk (a small tmpfs) gives a clear error and
// leaves no corrupt cache entry or checkpoint.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/mount.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <thread>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/npy.h"
#include "test_support.h"

namespace esc50::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

// A manifest of the first `clips` ESC-50 clips (labels as in its metadata, two folds).
fs::path esc50_manifest(const fs::path& dir, int clips) {
  std::ifstream meta(esc50_dir() / "meta" / "esc50.csv");
  std::ofstream out(dir / "list.csv");
  out << "file,label,fold\n";
  std::string line;
  std::getline(meta, line);
  for (int i = 0; i < clips && std::getline(meta, line); ++i) {
    const auto first = line.find(','), category = line.find(',', line.find(',', first + 1) + 1);
    const auto stem = fs::path(line.substr(0, first)).stem().string();
    auto audio = esc50_dir() / "audio" / (stem + ".ogg");
    if (!fs::exists(audio)) audio = esc50_dir() / "audio" / (stem + ".wav");
    out << audio.string() << "," << line.substr(category + 1, line.find(',', category + 1) - category - 1) << ","
        << 1 + i % 2 << "\n";
  }
  return dir / "list.csv";
}

// Starts the CLI with `args`; SIGKILLs it once `started()` holds (polled every 2 ms), or lets
// it finish. Returns true when it was killed.
bool kill_when(const std::vector<std::string>& args, const std::function<bool()>& started) {
  const std::string program = cli_path().string();
  const pid_t pid = ::fork();
  if (pid == 0) {
    std::vector<char*> argv{const_cast<char*>(program.c_str())};
    for (const auto& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    std::freopen("/dev/null", "w", stdout);
    std::freopen("/dev/null", "w", stderr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  int status = 0;
  while (::waitpid(pid, &status, WNOHANG) == 0) {
    if (started()) {
      ::kill(pid, SIGKILL);
      ::waitpid(pid, &status, 0);
      return true;
    }
    std::this_thread::sleep_for(2ms);
  }
  return false;
}

// Files in `dir` (recursively) that are not leftovers of an interrupted atomic write.
std::vector<fs::path> entries(const fs::path& dir, const std::string& extension) {
  std::vector<fs::path> out;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file() && it->path().extension() == extension && !is_atomic_temporary(it->path()))
      out.push_back(it->path());
  return out;
}

void expect_every_entry_decodes(const fs::path& cache) {
  for (const auto& file : entries(cache, ".npy")) EXPECT_NO_THROW(decode_npy(read_file(file), file)) << file;
}

TEST(CrashSafety, KilledFeatureCacheResumesCleanly) {
  ESC50_REQUIRE_DATASET();
  TempDir dir;
  const auto list = esc50_manifest(dir.path(), 200).string();
  const auto cache = dir / "cache";
  const std::vector<std::string> args = {"features", "--data", list, "--cache", cache.string(), "--threads", "1", "--quiet"};
  const bool killed = kill_when(args, [&] { return entries(cache, ".npy").size() >= 20; });
  EXPECT_TRUE(killed) << "the run ended before it could be killed";
  const auto before = entries(cache, ".npy").size();
  EXPECT_LT(before, 200u);
  expect_every_entry_decodes(cache);
  const auto r = run_cli("features --quiet --threads 1 --data " + list + " --cache " + cache.string());
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find(std::to_string(before) + " reused"), std::string::npos) << r.output;
  EXPECT_EQ(entries(cache, ".npy").size(), 200u);
  expect_every_entry_decodes(cache);
}

TEST(CrashSafety, KilledVariantRenderingResumesCleanly) {
  ESC50_REQUIRE_DATASET();
  TempDir dir;
  const auto list = esc50_manifest(dir.path(), 60).string();
  const auto cache = dir / "cache";
  const std::string base = "features --quiet --threads 1 --data " + list + " --cache " + cache.string();
  ASSERT_EQ(run_cli(base).status, 0);
  const auto clean = entries(cache, ".npy").size();
  const std::vector<std::string> args = {"features", "--data", list, "--cache", cache.string(), "--threads", "1",
                                         "--quiet", "--augment", "acoustic", "--augment-cache", "1"};
  EXPECT_TRUE(kill_when(args, [&] { return entries(cache, ".npy").size() >= clean + 5; }));
  expect_every_entry_decodes(cache);
  const auto r = run_cli(base + " --augment acoustic --augment-cache 1");
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("60 x 1 acoustic variants"), std::string::npos) << r.output;
  EXPECT_EQ(entries(cache, ".npy").size(), 2 * clean);
  expect_every_entry_decodes(cache);
}

TEST(CrashSafety, KilledReportLeavesNoHalfFile) {
  TempDir dir;
  const auto run = dir / "run";
  fs::create_directories(run);
  std::ofstream(run / "config.json") << R"({"model": "tinycnn", "fold": 1})";
  std::ofstream(run / "final.json") << R"({"epochs": 1, "seconds": 1, "test_acc": 0.5})";
  std::ofstream(run / "metrics.jsonl") << R"({"epoch": 1, "train_loss": 1, "train_acc": 0.5})" << "\n";
  const auto out = dir / "report.html";
  for (int attempt = 0; attempt < 5; ++attempt) {
    kill_when({"report", run.string(), "--out", out.string()},
              [start = std::chrono::steady_clock::now(), attempt] {
                return std::chrono::steady_clock::now() - start > std::chrono::milliseconds(20 * attempt);
              });
    if (fs::exists(out)) {
      EXPECT_NE(read_file(out).find("</html>"), std::string::npos) << "a half-written report";
    }
  }
  const auto r = run_cli("report " + run.string() + " --out " + out.string());
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(read_file(out).find("</html>"), std::string::npos);
}

// A 2 MB tmpfs: needs the right to mount (root in a container); skipped otherwise.
class FullDisk : public ::testing::Test {
 protected:
  void SetUp() override {
    fs::create_directories(disk_);
    if (::mount("tmpfs", disk_.c_str(), "tmpfs", 0, "size=2m") != 0) GTEST_SKIP() << "cannot mount a tmpfs here";
    mounted_ = true;
  }
  void TearDown() override {
    if (mounted_) ::umount(disk_.c_str());
  }
  TempDir dir_;
  fs::path disk_ = dir_ / "disk";
  bool mounted_ = false;
};

TEST_F(FullDisk, FeatureCacheFailsClearlyAndKeepsOnlyWholeEntries) {
  ESC50_REQUIRE_DATASET();
  const auto list = esc50_manifest(dir_.path(), 80).string();  // 80 × 110 KB: more than 2 MB
  const auto r = run_cli("features --quiet --threads 1 --data " + list + " --cache " + (disk_ / "cache").string());
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.output.find("No space left on device"), std::string::npos) << r.output;
  EXPECT_GT(entries(disk_, ".npy").size(), 0u);
  expect_every_entry_decodes(disk_);
}

TEST_F(FullDisk, TrainingFailsClearlyAndLeavesNoCorruptCheckpoint) {
  ESC50_REQUIRE_DATASET();
  const auto list = esc50_manifest(dir_.path(), 40).string();
  // The cache lives off the small disk; the run directory (checkpoints of 20 MB) on it.
  const auto r = run_cli("train --quiet --data " + list + " --fold 1 --epochs 1"
                         " --batch-size 8 --cache " + (dir_ / "cache").string() + " --out " + (disk_ / "run").string());
  EXPECT_NE(r.status, 0);
  EXPECT_NE(r.output.find("No space left on device"), std::string::npos) << r.output;
  EXPECT_FALSE(fs::exists(disk_ / "run" / "checkpoint-last.pt")) << "a checkpoint that cannot be whole must not exist";
  EXPECT_TRUE(entries(disk_, ".pt").empty());
}

}  // namespace
}  // namespace esc50::test
