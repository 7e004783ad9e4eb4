#pragma once
// One training run: held-out fold `config.fold` of `data`, written to a run directory
// (config.json, environment.json, metrics.jsonl, final.json, predictions.json,
// checkpoint-last.pt, checkpoint-best.pt, model.esc50; see docs/run-directory.md).
#include <cstdint>
#include <filesystem>

#include "runs/run_directory.h"
#include "train/run_config.h"

namespace esc50::train {

struct TrainingData;  // train/training_data.h, which needs LibTorch

struct RunOptions {
  std::filesystem::path out;  // the run directory
  bool resume = false;        // continue from out/checkpoint-last.pt when it exists
  bool quiet = false;         // no progress bar; one log line per epoch
  // Test hook: the process kills itself with SIGKILL after this many optimiser steps,
  // to test resume after a crash mid-epoch exactly. -1 = never.
  int64_t kill_after_steps = -1;
};

// Returns what final.json holds. Throws Error for unusable settings or files.
runs::FinalMetrics train_run(const TrainingData& data, const RunConfig& config, const RunOptions& options);

}  // namespace esc50::train
