#include "eval/run_evaluation.h"

#include <map>

namespace esc50::eval {

std::optional<CrossValidationMetrics> evaluate_run_set(const runs::RunSet& set,
                                                       const MetricsOptions& options) {
  std::vector<FoldPredictions> folds;
  for (const auto& run : set.runs)
    if (run.predictions) folds.push_back({run.fold, *run.predictions});
  if (folds.empty()) return std::nullopt;
  return compute_cv_metrics(folds, options);
}

std::string run_name(const std::filesystem::path& dir) {
  auto normal = std::filesystem::absolute(dir).lexically_normal();
  if (!normal.has_filename()) normal = normal.parent_path();
  return normal.filename().string();
}

std::vector<std::string> run_names(const std::vector<runs::RunSet>& runs) {
  std::vector<std::string> names;
  std::map<std::string, int> seen;
  for (const auto& set : runs) {
    auto name = run_name(set.dir);
    if (const int n = ++seen[name]; n > 1) name += " (" + std::to_string(n) + ")";
    names.push_back(name);
  }
  return names;
}

}  // namespace esc50::eval
