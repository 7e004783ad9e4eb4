#include <fmt/format.h>

#include <optional>

#include "apps/esc50/commands.h"
#include "common/error.h"
#include "eval/metrics_io.h"
#include "eval/run_dir.h"
#include "eval/table.h"

namespace esc50::cli {
namespace {

struct EvaluateOptions {
  std::string run_dir;
  std::optional<int> fold;
  eval::MetricsOptions metrics;
};

// The run set restricted to --fold K, when given.
eval::RunSet selected_runs(const EvaluateOptions& options) {
  auto set = eval::load_run_set(options.run_dir);
  if (!options.fold) return set;
  std::erase_if(set.runs, [&](const eval::TrainingRun& r) { return r.fold != *options.fold; });
  if (set.runs.empty())
    fail_file(options.run_dir, fmt::format("has no run for fold {}", *options.fold));
  return set;
}

std::vector<eval::FoldPredictions> fold_predictions(const eval::RunSet& set) {
  std::vector<eval::FoldPredictions> folds;
  for (const auto& run : set.runs) {
    if (!run.predictions)
      fail_file(run.predictions_file(), "missing: the training has not finished this fold");
    folds.push_back({run.fold, *run.predictions});
  }
  return folds;
}

void evaluate(const EvaluateOptions& options) {
  const auto set = selected_runs(options);
  const auto folds = fold_predictions(set);
  const nlohmann::json source = {{"source", "predictions.json"}};
  if (set.runs.size() == 1) {
    const auto metrics = eval::compute_metrics(folds.front().predictions, options.metrics);
    eval::write_evaluation(set.runs.front().dir, metrics, source);
    fmt::print("{}\nwrote {}\n", eval::format_metrics(metrics),
               eval::evaluation_files(set.runs.front().dir).json.string());
    return;
  }
  const auto cv = eval::compute_cv_metrics(folds, options.metrics);
  for (size_t i = 0; i < set.runs.size(); ++i)
    eval::write_evaluation(set.runs[i].dir, cv.folds[i].metrics, source);
  eval::write_cv_evaluation(set.dir, cv, source);
  fmt::print("{}\nwrote {} (and evaluation.json in every fold directory)\n",
             eval::format_cv_metrics(cv), eval::evaluation_files(set.dir).json.string());
}

}  // namespace

void register_evaluate(CLI::App& root) {
  auto* cmd = root.add_subcommand(
      "evaluate",
      "Metrics of a trained run or a cross-validation from its held-out predictions: top-1/top-5, "
      "per-class precision/recall/F1, confusion matrix, most-confused pairs, per-category "
      "accuracy; written as evaluation.json and CSV files in the run directory");
  static EvaluateOptions options;
  cmd->add_option("--run", options.run_dir, "run directory, or cross-validation directory (fold-K/)")
      ->required();
  cmd->add_option("--fold", options.fold, "evaluate only this fold of a cross-validation")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--top-pairs", options.metrics.confused_pairs, "most-confused pairs to list")
      ->capture_default_str()
      ->check(CLI::Range(0, 2500));
  cmd->callback([] { evaluate(options); });
}

}  // namespace esc50::cli
