#pragma once
// The --data option shared by every command that reads ESC-50.
#include <CLI/CLI.hpp>
#include <string>

#include "data/esc50_meta.h"

namespace esc50::cli {

void add_data_option(CLI::App& cmd, std::string& data_dir);
// Loads the dataset from `data_dir`, or $ESC50_DIR when empty; warns once about missing clips.
data::Esc50Dataset load_dataset_or_env(const std::string& data_dir);

}  // namespace esc50::cli
