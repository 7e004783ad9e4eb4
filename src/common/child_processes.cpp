#include "common/child_processes.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>

#include "common/error.h"

namespace esc50 {
namespace {

int exit_status(int wait_status) {
  if (WIFEXITED(wait_status)) return WEXITSTATUS(wait_status);
  if (WIFSIGNALED(wait_status)) return 128 + WTERMSIG(wait_status);
  return 255;
}

pid_t start(const ChildCommand& command) {
  if (command.argv.empty()) throw Error("run_child_processes: " + command.program.string() + " has no argv[0]");
  const int log = ::open(command.log.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
  if (log < 0) fail_file(command.log, std::string("cannot open the log: ") + std::strerror(errno));
  // exec reports its failure through this pipe, which closes unread on success.
  int exec_error[2];
  if (::pipe2(exec_error, O_CLOEXEC) != 0) {
    ::close(log);
    throw Error("cannot start " + command.program.string() + ": " + std::strerror(errno));
  }
  std::vector<char*> argv;
  for (const auto& arg : command.argv) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  const pid_t parent = ::getpid();
  const pid_t pid = ::fork();
  if (pid == 0) {  // only async-signal-safe calls until exec
    ::prctl(PR_SET_PDEATHSIG, SIGTERM);
    if (::getppid() != parent) ::_exit(127);
    ::dup2(log, STDOUT_FILENO);
    ::dup2(log, STDERR_FILENO);
    ::execv(command.program.c_str(), argv.data());
    const int error = errno;
    [[maybe_unused]] auto written = ::write(exec_error[1], &error, sizeof error);
    ::_exit(127);
  }
  const int fork_error = errno;
  ::close(log);
  ::close(exec_error[1]);
  int error = 0;
  const bool exec_failed = pid > 0 && ::read(exec_error[0], &error, sizeof error) == sizeof error;
  ::close(exec_error[0]);
  if (pid < 0) throw Error("cannot start " + command.program.string() + ": " + std::strerror(fork_error));
  if (exec_failed) {
    ::waitpid(pid, nullptr, 0);
    throw Error("cannot start " + command.program.string() + ": " + std::strerror(error));
  }
  return pid;
}

}  // namespace

std::vector<int> run_child_processes(const std::vector<ChildCommand>& commands, int jobs,
                                     const std::function<void(size_t, int)>& on_exit) {
  std::vector<int> statuses(commands.size(), -1);
  std::map<pid_t, size_t> running;
  size_t next = 0;
  auto wait_one = [&] {
    int status = 0;
    const pid_t pid = ::waitpid(-1, &status, 0);
    if (pid < 0) {
      if (errno == EINTR) return;
      throw Error(std::string("waiting for child processes: ") + std::strerror(errno));
    }
    const auto it = running.find(pid);
    if (it == running.end()) return;
    statuses[it->second] = exit_status(status);
    if (on_exit) on_exit(it->second, statuses[it->second]);
    running.erase(it);
  };
  try {
    while (next < commands.size() || !running.empty()) {
      if (next < commands.size() && int(running.size()) < std::max(jobs, 1)) {
        running[start(commands[next])] = next;
        ++next;
      } else {
        wait_one();
      }
    }
  } catch (...) {
    for (const auto& [pid, index] : running) ::kill(pid, SIGTERM);
    for (const auto& [pid, index] : running) ::waitpid(pid, nullptr, 0);
    throw;
  }
  return statuses;
}

}  // namespace esc50
