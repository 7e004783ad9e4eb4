#include <fmt/format.h>

#include <optional>

#include "apps/esc50/commands.h"
#include "apps/esc50/data_option.h"
#include "apps/esc50/precision_option.h"
#include "augment/perturbations.h"
#include "common/error.h"
#include "data/dataset.h"
#include "common/parallel.h"
#include "data/esc50_meta.h"
#include "eval/metrics_io.h"
#include "eval/model_predictions.h"
#include "runs/run_directory.h"
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
  std::string perturb;       // a perturbation name or "all": the robustness benchmark
  std::string perturbation;  // the one this pass applies ("" = the clips as they are)
  uint64_t seed = 0;
  eval::MetricsOptions metrics;
};

// The run set restricted to --fold K, when given.
runs::RunSet selected_runs(const EvaluateOptions& options) {
  auto set = runs::read_run_set(options.run_dir);
  for (const auto& problem : runs::all_problems(set)) fmt::print(stderr, "warning: {}\n", problem);
  if (!options.fold) return set;
  std::erase_if(set.runs, [&](const runs::Run& r) { return r.fold != *options.fold; });
  if (set.runs.empty())
    fail_file(options.run_dir, fmt::format("has no run for fold {}", *options.fold));
  return set;
}

// The training's own predictions are used unless --data or --tta asks for new ones (or there
// are none): then model.esc50 classifies the held-out clips again.
bool recompute(const runs::Run& run, const EvaluateOptions& options) {
  return !options.data_dir.empty() || options.tta_views > 1 || !options.perturb.empty() || !run.predictions;
}

data::Dataset dataset_for(const runs::Run& run, const EvaluateOptions& options) {
  const auto data = cli::dataset_of_run(run, options.data_dir);
  if (data.path.empty() && !data::esc50_dir_from_env())
    fail_file(run.paths.predictions(),
              "missing, and no dataset to recompute it from: give --data (the dataset the run trained on)");
  return cli::load_dataset_or_env(data);
}

runs::Predictions model_predictions(const runs::Run& run, const data::Dataset& dataset,
                                    const EvaluateOptions& options) {
  const auto classifier = engine::Classifier::load(run.paths.model(), 1, options.precision);
  const int threads = options.threads > 0 ? options.threads : hardware_threads();
  return eval::predict_clips(classifier, eval::held_out_clips(run, dataset), dataset.class_names,
                             {options.tta_views, threads, !options.quiet, options.perturbation, options.seed});
}

struct Evaluated {
  std::vector<eval::FoldPredictions> folds;
  nlohmann::json source;
};

Evaluated fold_predictions(const runs::RunSet& set, const EvaluateOptions& options) {
  Evaluated out;
  std::optional<data::Dataset> dataset;
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

// Clean accuracy beside each perturbation's, all classified again by model.esc50 and pooled
// over the folds; printed and written to robustness.json (other conditions there are kept).
// With --fold K the figures are that fold's alone, so they go to its own run directory: the
// cross-validation's file holds figures pooled over all its folds only.
void evaluate_robustness(const EvaluateOptions& options) {
  const auto set = selected_runs(options);
  const auto out_dir = options.fold ? set.runs.front().paths.dir : set.dir;
  std::vector<std::string> conditions = {""};
  for (const auto& p : augment::perturbations())
    if (options.perturb == "all" || options.perturb == p.name) conditions.push_back(p.name);
  std::vector<int> fold_numbers;
  for (const auto& run : set.runs) fold_numbers.push_back(run.fold);
  auto results = runs::read_robustness(out_dir);
  fmt::print("{:<12} {:>8} {:>8}  {}\n", "condition", "top-1", "top-5", "what");
  for (const auto& condition : conditions) {
    auto pass = options;
    pass.perturbation = condition;
    const auto folds = fold_predictions(set, pass).folds;
    const auto pooled = folds.size() == 1 ? eval::compute_metrics(folds.front().predictions, options.metrics)
                                          : eval::compute_cv_metrics(folds, options.metrics).pooled;
    std::string what = "the held-out clips as they are";
    for (const auto& p : augment::perturbations())
      if (p.name == condition) what = p.description;
    const auto name = condition.empty() ? std::string("clean") : condition;
    fmt::print("{:<12} {:7.2f}% {:7.2f}%  {}\n", name, 100 * pooled.accuracy, 100 * pooled.top_k_accuracy, what);
    results[name] = {{"accuracy", pooled.accuracy}, {"top_k_accuracy", pooled.top_k_accuracy},
                     {"top_k", pooled.top_k}, {"clips", pooled.clips}, {"folds", fold_numbers},
                     {"description", what}, {"seed", options.seed}, {"precision", options.precision}};
  }
  runs::write_robustness(out_dir, results);
  fmt::print("wrote {}\n", runs::robustness_file(out_dir).string());
}

void evaluate(const EvaluateOptions& options) {
  if (!options.perturb.empty()) return evaluate_robustness(options);
  const auto set = selected_runs(options);
  const auto [folds, source] = fold_predictions(set, options);
  if (set.runs.size() == 1) {
    const auto metrics = eval::compute_metrics(folds.front().predictions, options.metrics);
    eval::write_evaluation(set.runs.front().paths.dir, metrics, source);
    fmt::print("{}\nwrote {}\n", eval::format_metrics(metrics),
               eval::evaluation_files(set.runs.front().paths.dir).json.string());
    return;
  }
  const auto cv = eval::compute_cv_metrics(folds, options.metrics);
  for (size_t i = 0; i < set.runs.size(); ++i)
    eval::write_evaluation(set.runs[i].paths.dir, cv.folds[i].metrics, source);
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
                  "classify the held-out clips again with the run's model.esc50 instead of reading "
                  "predictions.json, from this copy of the dataset the run trained on");
  cmd->add_option("--tta", options.tta_views,
                  "test-time augmentation: average the model over this many time-shifted views "
                  "(implies recomputing; the dataset comes from --data, else the one config.json names, "
                  "else $ESC50_DIR)")
      ->capture_default_str()
      ->check(CLI::Range(1, 64));
  cmd->add_option("--threads", options.threads, "clips classified in parallel (0 = all cores)")
      ->capture_default_str()
      ->check(CLI::Range(0, 256));
  add_precision_option(*cmd, options.precision);
  cmd->add_option("--top-pairs", options.metrics.confused_pairs, "most-confused pairs to list")
      ->capture_default_str()
      ->check(CLI::Range(0, 2500));
  std::vector<std::string> perturb_names = {"all"};
  std::string perturb_help;
  for (const auto& p : augment::perturbations()) {
    perturb_names.push_back(p.name);
    perturb_help += "; " + p.name + ": " + p.description;
  }
  cmd->add_option("--perturb", options.perturb,
                  "robustness benchmark: classify the held-out clips again clean and after this "
                  "perturbation (or all), pooled over folds, into robustness.json" + perturb_help)
      ->check(CLI::IsMember(perturb_names));
  cmd->add_option("--seed", options.seed, "seed of the perturbations")->capture_default_str();
  cmd->add_flag("--quiet", options.quiet, "no progress bar");
  cmd->callback([] { evaluate(options); });
}

}  // namespace esc50::cli
