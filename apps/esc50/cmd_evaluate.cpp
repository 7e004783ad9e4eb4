#include <fmt/format.h>

#include <optional>

#include "apps/esc50/commands.h"
#include "apps/esc50/precision_option.h"
#include "common/error.h"
#include "common/parallel.h"
#include "data/esc50_meta.h"
#include "eval/metrics_io.h"
#include "eval/model_predictions.h"
#include "eval/run_dir.h"
#include "eval/table.h"

namespace esc50::cli {
namespace {

struct EvaluateOptions {
  std::string run_dir;
  std::optional<int> fold;
  std::string data_dir;
  int tta_views = 1;
  int threads = 0;
  std::string precision = "fp32";
  bool quiet = false;
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

// The training's own predictions are used unless --data or --tta asks for new ones (or there
// are none): then model.esc50 classifies the held-out clips again.
bool recompute(const eval::TrainingRun& run, const EvaluateOptions& options) {
  return !options.data_dir.empty() || options.tta_views > 1 || !run.predictions;
}

data::Esc50Dataset dataset_for(const eval::TrainingRun& run, const EvaluateOptions& options) {
  auto dir = options.data_dir.empty() ? data::esc50_dir_from_env() : std::filesystem::path(options.data_dir);
  if (!dir)
    fail_file(run.predictions_file(),
              "missing, and no dataset to recompute it from: give --data DIR (the ESC-50 root)");
  return data::load_esc50(*dir);
}

eval::Predictions model_predictions(const eval::TrainingRun& run, const data::Esc50Dataset& dataset,
                                    const EvaluateOptions& options) {
  const auto classifier = model::Classifier::load(run.model_file(), 1, options.precision);
  const int threads = options.threads > 0 ? options.threads : hardware_threads();
  return eval::predict_clips(classifier, eval::held_out_clips(run, dataset), dataset.class_names,
                             {options.tta_views, threads, !options.quiet});
}

struct Evaluated {
  std::vector<eval::FoldPredictions> folds;
  nlohmann::json source;
};

Evaluated fold_predictions(const eval::RunSet& set, const EvaluateOptions& options) {
  Evaluated out;
  std::optional<data::Esc50Dataset> dataset;
  for (const auto& run : set.runs) {
    if (!recompute(run, options)) {
      out.folds.push_back({run.fold, *run.predictions});
      continue;
    }
    if (!dataset) dataset = dataset_for(run, options);
    out.folds.push_back({run.fold, model_predictions(run, *dataset, options)});
    out.source = {{"source", "model.esc50"}, {"tta_views", options.tta_views},
                  {"data", dataset->root.string()}};
  }
  if (out.source.is_null()) out.source = {{"source", "predictions.json"}};
  return out;
}

void evaluate(const EvaluateOptions& options) {
  const auto set = selected_runs(options);
  const auto [folds, source] = fold_predictions(set, options);
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
      "Metrics of a trained run or a cross-validation on its held-out clips: top-1/top-5, "
      "per-class precision/recall/F1, confusion matrix, most-confused pairs, per-category "
      "accuracy; written as evaluation.json and CSV files in the run directory");
  static EvaluateOptions options;
  cmd->add_option("--run", options.run_dir, "run directory, or cross-validation directory (fold-K/)")
      ->required();
  cmd->add_option("--fold", options.fold, "evaluate only this fold of a cross-validation")
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--data", options.data_dir,
                  "ESC-50 root: classify the held-out clips again with the run's model.esc50 "
                  "instead of reading predictions.json");
  cmd->add_option("--tta", options.tta_views,
                  "test-time augmentation: average the model over this many time-shifted views "
                  "(implies recomputing; the dataset comes from --data or $ESC50_DIR)")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  cmd->add_option("--threads", options.threads, "clips classified in parallel (0 = all cores)")
      ->capture_default_str()
      ->check(CLI::Range(0, 256));
  add_precision_option(*cmd, options.precision);
  cmd->add_option("--top-pairs", options.metrics.confused_pairs, "most-confused pairs to list")
      ->capture_default_str()
      ->check(CLI::Range(0, 2500));
  cmd->add_flag("--quiet", options.quiet, "no progress bar");
  cmd->callback([] { evaluate(options); });
}

}  // namespace esc50::cli
