#pragma once
// Work that must not share a process runs in child processes: LibTorch's random generator and
// thread count are global to a process, so trainings that run at once each need their own.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace esc50 {

struct ChildCommand {
  std::filesystem::path program;  // the file executed
  std::vector<std::string> argv;  // as the program sees them: argv[0] is its name
  std::filesystem::path log;      // its stdout and stderr are appended here
};

// Runs the commands at most `jobs` at a time and returns each one's exit status, in order
// (128 + N when signal N ended it). `on_exit(index, status)` is called as each one ends. The
// children die with the calling process (PR_SET_PDEATHSIG), so none is left running when
// it is killed. Throws Error naming the program or log that cannot be started or opened.
std::vector<int> run_child_processes(const std::vector<ChildCommand>& commands, int jobs,
                                     const std::function<void(size_t, int)>& on_exit = {});

}  // namespace esc50
