#pragma once
// The --hop option of every command that slides windows over audio.
#include <CLI/CLI.hpp>
#include <string>

#include "common/param_table_cli.h"
#include "inference/windowing.h"

namespace esc50::cli {

inline void add_hop_option(CLI::App& cmd, double& hop_s, const std::string& also = "") {
  cmd.add_option("--hop", hop_s, "seconds between windows (0 = half the model's clip, else at least " +
                                     CLI::detail::to_string(inference::kMinHopSeconds) + ")" + also)
      ->capture_default_str()
      ->check(number_range(0.0, 3600.0))
      ->check([](const std::string& text) -> std::string {
        double hop = 0;
        if (!CLI::detail::lexical_cast(text, hop) || hop == 0 || hop >= inference::kMinHopSeconds) return {};
        return "a hop of " + text + " s would run the network every few samples: give 0 or at least " +
               CLI::detail::to_string(inference::kMinHopSeconds);
      });
}

}  // namespace esc50::cli
