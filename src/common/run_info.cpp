#include "common/run_info.h"

#include <cstdio>
#include <memory>

#include "common/parallel.h"

namespace esc50 {
namespace {

std::string run_command(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
  if (!pipe) return {};
  std::string out;
  char buffer[256];
  while (std::fgets(buffer, sizeof buffer, pipe.get())) out += buffer;
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

}  // namespace

std::string esc50_version() { return ESC50_VERSION; }

std::string source_commit() {
  const std::string dir = ESC50_SOURCE_DIR;
  auto sha = run_command("git -C '" + dir + "' rev-parse HEAD 2>/dev/null");
  if (sha.empty()) return "unknown";
  auto dirty = run_command("git -C '" + dir + "' status --porcelain --untracked-files=no 2>/dev/null");
  return dirty.empty() ? sha : sha + "-dirty";
}

nlohmann::json build_environment() {
  return {{"git_commit", source_commit()},
          {"esc50_version", esc50_version()},
          {"compiler", __VERSION__},
          {"cplusplus", __cplusplus},
          {"hardware_threads", hardware_threads()}};
}

}  // namespace esc50
