#pragma once
// The --data option shared by every command that reads a dataset (ESC-50, a folder per class
// or a manifest CSV; data/dataset.h), and --columns for manifests.
#include <CLI/CLI.hpp>
#include <string>

#include "augment/settings.h"
#include "data/esc50_meta.h"
#include "runs/run_directory.h"

namespace esc50::cli {

struct DataOptions {
  std::string path;     // empty = $ESC50_DIR
  std::string columns;  // manifest column names: "file=...,label=...,fold=...,group=...,prefix=..."
};

void add_data_option(CLI::App& cmd, DataOptions& data);
// Loads the dataset (layout detected), or $ESC50_DIR when no path is given; warns once about
// missing clips.
data::Dataset load_dataset_or_env(const DataOptions& data);
// The dataset `run` trained on, as its config.json names it (with a manifest's columns), for
// commands that look at its clips again; `data_dir` (their --data) names another copy of it.
// An empty path (then $ESC50_DIR) when neither is given or the stored one is gone.
DataOptions dataset_of_run(const runs::Run& run, const std::string& data_dir);
// Prints the dataset's summary (classes and clips per class) to stderr, before training.
void print_dataset_summary(const data::Dataset& dataset);
// Training augmentation for `dataset`: the default recipe was tuned on ESC-50, so any other
// dataset trains without augmentation unless a policy is asked for explicitly.
augment::AugmentSettings training_augmentation(augment::AugmentSettings resolved, bool policy_given,
                                               const data::Dataset& dataset);

}  // namespace esc50::cli
