#pragma once
// Metrics on disk: JSON (everything a Metrics holds) and CSV (per-class table, confusion
// matrix, per-fold accuracies) for spreadsheets. Writes are atomic.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "eval/cross_validation.h"
#include "eval/metrics.h"

namespace esc50::eval {

nlohmann::json metrics_to_json(const Metrics& metrics);

nlohmann::json cv_metrics_to_json(const CrossValidationMetrics& cv);

// class,name,precision,recall,f1,support,predicted,correct — one row per class.
std::string per_class_csv(const Metrics& metrics);

// Header "actual\predicted,<names…>", then one row of counts per actual class.
std::string confusion_csv(const std::vector<std::string>& class_names,
                          const std::vector<std::vector<int>>& confusion);

// fold,clips,accuracy,top_k_accuracy,macro_f1 — one row per fold.
std::string folds_csv(const CrossValidationMetrics& cv);

// The files `esc50 evaluate` leaves in a run (or cross-validation) directory.
struct EvaluationFiles {
  std::filesystem::path json, per_class_csv, confusion_csv, folds_csv;
};
EvaluationFiles evaluation_files(const std::filesystem::path& dir);
// `extra` keys (e.g. where the predictions came from) are merged into the JSON's top level.
void write_evaluation(const std::filesystem::path& dir, const Metrics& metrics,
                      const nlohmann::json& extra = nlohmann::json::object());
void write_cv_evaluation(const std::filesystem::path& dir, const CrossValidationMetrics& cv,
                         const nlohmann::json& extra = nlohmann::json::object());

}  // namespace esc50::eval
