#pragma once
// Glue between the dataset on disk and training runs: features for a run's protocol, and
// cross-validation over several held-out folds with a summary.
#include <filesystem>
#include <vector>

#include <nlohmann/json.hpp>

#include "data/esc50_meta.h"
#include "runs/run_directory.h"
#include "train/run_config.h"
#include "train/training_data.h"

namespace esc50::train {

// The feature cache directory used when none is given: $ESC50_CACHE, else
// $XDG_CACHE_HOME/esc50, else ~/.cache/esc50.
std::filesystem::path default_cache_dir();

TrainingData prepare_training_data(const data::Dataset& dataset, const RunConfig& config,
                                   bool quiet);

// Trains every fold in `folds` (empty: all of the protocol's) into out/fold-<K>/ and writes
// out/summary.json after each. A fold whose final.json exists is kept; an interrupted one is
// resumed.
runs::CvSummary run_cross_validation(const data::Dataset& dataset, const RunConfig& base,
                                    std::vector<int> folds, const std::filesystem::path& out,
                                    bool quiet);

}  // namespace esc50::train
