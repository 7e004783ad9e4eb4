#pragma once
// Reading training run directories and cross-validation directories (docs/run-directory.md):
// RUN_DIR holds config.json, metrics.jsonl, final.json, predictions.json, model.esc50;
// CV_DIR holds fold-<K>/ run directories and summary.json.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "eval/predictions.h"

namespace esc50::eval {

struct TrainingRun {
  std::filesystem::path dir;
  int fold = 0;                      // held-out fold (0 when unknown)
  nlohmann::json config;             // config.json
  std::vector<nlohmann::json> epochs;  // metrics.jsonl; empty when absent
  nlohmann::json final_metrics;      // final.json; null while training is unfinished
  std::optional<Predictions> predictions;  // predictions.json, when present

  std::filesystem::path predictions_file() const { return dir / "predictions.json"; }
  std::filesystem::path model_file() const { return dir / "model.esc50"; }
};

struct RunSet {
  std::filesystem::path dir;
  bool cross_validation = false;
  nlohmann::json summary;  // summary.json of a CV directory; null otherwise or when absent
  std::vector<TrainingRun> runs;  // one per fold, in fold order
};

bool is_run_dir(const std::filesystem::path& dir);
bool is_cv_dir(const std::filesystem::path& dir);

TrainingRun load_training_run(const std::filesystem::path& dir);
// A run directory or a cross-validation directory. Throws Error naming `dir` when it is
// neither, or when one of its files is malformed.
RunSet load_run_set(const std::filesystem::path& dir);

// The augmentation policy (none | balanced | acoustic | adaptive) a run was trained with.
std::string augmentation_label(const nlohmann::json& config);

}  // namespace esc50::eval
