#pragma once
#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <filesystem>
#include <string>

namespace esc50::test {

inline std::filesystem::path env_path(const char* name) {
  const char* v = std::getenv(name);
  return v && *v ? std::filesystem::path(v) : std::filesystem::path();
}

// $ESC50_FIXTURES, else ../shared/fixtures beside the source tree.
inline std::filesystem::path fixtures_dir() {
  auto dir = env_path("ESC50_FIXTURES");
  return dir.empty() ? std::filesystem::path(ESC50_DEFAULT_FIXTURES) : dir;
}
inline std::filesystem::path esc50_dir() { return env_path("ESC50_DIR"); }
// The built CLI, for end-to-end tests of exit codes and messages.
inline std::filesystem::path cli_path() { return ESC50_CLI_PATH; }

struct CliResult {
  int status;
  std::string output;  // stdout and stderr
};

// Runs `command` (shell syntax), capturing its output.
inline CliResult run_command(std::string command) {
  command += " 2>&1";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
  std::string out;
  std::array<char, 512> buf;
  while (std::fgets(buf.data(), buf.size(), pipe.get())) out += buf.data();
  int status = ::pclose(pipe.release());
  return {WEXITSTATUS(status), out};
}

// `p` in single quotes for a shell command line. Appended rather than `"'" + p.string() + "'"`,
// which trips GCC 12's false -Wrestrict.
inline std::string quoted(const std::filesystem::path& p) {
  std::string text = p.string();
  text.insert(text.begin(), '\'');
  text.push_back('\'');
  return text;
}

// Runs the built esc50 binary with `args` (shell syntax), capturing its output.
inline CliResult run_cli(const std::string& args) { return run_command(cli_path().string() + " " + args); }

// A fresh directory per test, removed afterwards.
class TempDir {
 public:
  TempDir() {
    auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ = std::filesystem::temp_directory_path() /
            ("esc50-test-" + std::string(info ? info->name() : "x") + "-" +
             std::to_string(::getpid()));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

}  // namespace esc50::test

#define ESC50_REQUIRE_DATASET()                                                         \
  do {                                                                                  \
    if (::esc50::test::esc50_dir().empty())                                             \
      GTEST_SKIP() << "ESC50_DIR is not set: skipping test that needs the ESC-50 clips"; \
  } while (0)

#define ESC50_REQUIRE_FIXTURES()                                                      \
  do {                                                                                \
    if (!std::filesystem::exists(::esc50::test::fixtures_dir() / "logmel_reference.json")) \
      GTEST_SKIP() << "ESC50_FIXTURES not found: skipping parity test";               \
  } while (0)
