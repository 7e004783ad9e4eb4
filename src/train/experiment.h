#pragma once
// Glue between the dataset on disk and training runs: features for a run's protocol, and
// cross-validation over several held-out folds with a summary.
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/child_processes.h"
#include "data/esc50_meta.h"
#include "runs/run_directory.h"
#include "train/run_config.h"
#include "train/trainer.h"

namespace esc50::train {

// Renders the features (and variants) of the run's protocol through the cache, then trains it
// (train_run): what `esc50 train` does.
runs::FinalMetrics prepare_and_train(const data::Dataset& dataset, const RunConfig& config,
                                     const RunOptions& options);

// How many folds train at once. Each of them then runs in a process of its own, because
// LibTorch's random generator and thread count are global to a process.
struct FoldProcesses {
  int jobs = 1;  // 1: every fold in this process, one after another
  // The command that resumes the run in a fold directory whose config.json is written (its
  // log is set to the fold's train.log).
  std::function<ChildCommand(const std::filesystem::path& fold_dir)> command = {};
};

// Throws Error, naming the file and the setting, when `out` holds a fold of another recipe than
// `base` (anything but threads, the cache's location and the spelling of paths differs) or a
// fold of an ensemble.
void require_cv_of_recipe(const RunConfig& base, const std::filesystem::path& out);

// What decides a run's networks: its config less the thread count (a CV picks it per round of
// folds), the cache's location (it holds the same features anywhere) and the paths it names
// (compared as files, not as spellings), with precision "auto" resolved.
nlohmann::json recipe(RunConfig config);

// Trains every fold in `folds` (empty: all of the protocol's) into out/fold-<K>/ and writes
// out/summary.json after each. A fold whose final.json exists is kept; an interrupted one is
// resumed. With processes.jobs = N > 1 the features and variants are rendered here first, then
// the folds train N at a time on threads/N threads each, and the folds left when they do not
// fill a round of N share all the threads, so no core idles at the end. Folds of another recipe
// already in `out`, whichever command trained them, are refused (require_cv_of_recipe).
runs::CvSummary run_cross_validation(const data::Dataset& dataset, RunConfig base,
                                    std::vector<int> folds, const std::filesystem::path& out,
                                    bool quiet, const FoldProcesses& processes = {});

}  // namespace esc50::train
