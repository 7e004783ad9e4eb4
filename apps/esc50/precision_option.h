#pragma once
// The --precision option of every command that runs a trained model.
#include <CLI/CLI.hpp>
#include <string>

#include "engine/classifier.h"

namespace esc50::cli {

inline void add_precision_option(CLI::App& cmd, std::string& precision) {
  cmd.add_option("--precision", precision,
                 "inference arithmetic: auto (bf16 on CPUs with AMX and on AMD Zen 5, else fp32), fp32 or bf16")
      ->capture_default_str()
      ->check(CLI::IsMember(engine::kInferencePrecisions));
}

}  // namespace esc50::cli
