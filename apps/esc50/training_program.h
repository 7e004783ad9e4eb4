#pragma once
// Training needs LibTorch, which takes about a second to load; everything else does not. So
// `esc50 train`, `esc50 cv` and `esc50 upgrade-model` run a second program, esc50-train,
// installed beside esc50, and only that program loads LibTorch.
#include <string_view>

#include <CLI/CLI.hpp>

namespace esc50::cli {

bool is_training_command(std::string_view name);
// Lists the training commands in `esc50 --help`; they are run by run_training_program.
void register_training_commands(CLI::App& root);
// Replaces this process with esc50-train and the same arguments. Throws Error when the
// program is missing or cannot start.
[[noreturn]] void run_training_program(int argc, char** argv);

}  // namespace esc50::cli
