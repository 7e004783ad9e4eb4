#include <set>

#include "common/child_processes.h"
#include "common/atomic_file.h"
#include "common/error.h"
#include "test_support.h"

namespace esc50 {
namespace {

ChildCommand shell(const std::string& script, const std::filesystem::path& log) {
  return {"/bin/sh", {"sh", "-c", script}, log};
}

TEST(ChildProcesses, ReportEachStatusAndAppendOutputToItsLog) {
  test::TempDir tmp;
  std::vector<ChildCommand> commands = {shell("echo out; echo err >&2", tmp / "a.log"),
                                        shell("exit 3", tmp / "b.log"), shell("kill -9 $$", tmp / "c.log")};
  write_file_atomic(tmp / "a.log", "before\n");
  std::set<size_t> ended;
  const auto statuses = run_child_processes(commands, 2, [&](size_t i, int) { ended.insert(i); });
  EXPECT_EQ(statuses, (std::vector<int>{0, 3, 128 + 9}));
  EXPECT_EQ(ended, (std::set<size_t>{0, 1, 2}));
  EXPECT_EQ(read_file(tmp / "a.log"), "before\nout\nerr\n");
}

TEST(ChildProcesses, RunAtMostJobsAtOnce) {
  test::TempDir tmp;
  // Each child holds a lock file for a moment: with one job they never overlap.
  const std::string script = "set -C; : > " + (tmp / "lock").string() + " || exit 9; sleep 0.05; rm " +
                             (tmp / "lock").string();
  std::vector<ChildCommand> commands(4, shell(script, tmp / "log"));
  EXPECT_EQ(run_child_processes(commands, 1), (std::vector<int>(4, 0))) << read_file(tmp / "log");
}

TEST(ChildProcesses, AProgramThatCannotStartIsNamed) {
  test::TempDir tmp;
  try {
    run_child_processes({{tmp / "no-such-program", {"no-such-program"}, tmp / "log"}}, 1);
    FAIL() << "no error";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("cannot start " + (tmp / "no-such-program").string()), std::string::npos)
        << e.what();
  }
  EXPECT_THROW(run_child_processes({shell("true", tmp / "missing-dir" / "log")}, 1), Error);
}

}  // namespace
}  // namespace esc50
