#pragma once
// Command-line options shared by `esc50 train` and `esc50 cv`, all mapped onto RunConfig.
#include <cstdint>
#include <string>

#include <CLI/CLI.hpp>

#include "data/esc50_meta.h"
#include "train/run_config.h"

namespace esc50::train {

struct RunArgs {
  RunConfig config;
  std::string model_settings_json;  // --model-settings '{"width": 48}'
  bool quiet = false;
};

void add_run_options(CLI::App& cmd, RunArgs& args);
// Completes the config after parsing (model settings JSON, the dataset and its protocol,
// augmentation settings as JSON). Throws Error.
RunConfig finish_run_config(const RunArgs& args, const data::Dataset& dataset, const nlohmann::json& augment);
// `config` with the settings of a JSON object replaced, e.g. {"mixup_domain": "db"}: any key
// of `esc50 settings`' feature, augmentation and training tables, so one command can train
// members of an ensemble that differ in their recipe; `seed` is the run's seed (as --seed) and
// `augment_seed` the augmentation table's (as --augment-seed). Throws Error naming `what` for an
// unknown, ambiguous or invalid setting.
RunConfig with_settings(RunConfig config, const nlohmann::json& settings, const std::string& what);

}  // namespace esc50::train
