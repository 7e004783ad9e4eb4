#include "apps/esc50/training_program.h"

#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <utility>
#include <vector>

#include "common/error.h"

namespace esc50::cli {
namespace {

const std::pair<const char*, const char*> kTrainingCommands[] = {
    {"train", "Train one model: a fold of a protocol, or all clips (runs esc50-train)"},
    {"cv", "Cross-validate: train one run per held-out fold, then summarise (runs esc50-train)"},
    {"upgrade-model", "Rewrite a model file of format 1 (LibTorch weights) in the current format (runs esc50-train)"},
};

std::filesystem::path training_program() {
  std::error_code error;
  const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
  if (error) throw Error("cannot locate the esc50 program (/proc/self/exe): " + error.message());
  return self.parent_path() / "esc50-train";
}

}  // namespace

bool is_training_command(std::string_view name) {
  for (const auto& [command, description] : kTrainingCommands)
    if (name == command) return true;
  return false;
}

void register_training_commands(CLI::App& root) {
  for (const auto& [command, description] : kTrainingCommands) root.add_subcommand(command, description);
}

void run_training_program(int argc, char** argv) {
  const auto program = training_program();
  if (!std::filesystem::exists(program))
    throw Error("training needs the program " + program.string() +
                ", which is not installed (build the target esc50-train, which a build configured with "
                "-DESC50_TRAINING=OFF leaves out, or install the esc50-train package)");
  std::vector<char*> args(argv, argv + argc);
  args.push_back(nullptr);
  execv(program.c_str(), args.data());
  throw Error("cannot start " + program.string() + ": " + std::strerror(errno));
}

}  // namespace esc50::cli
