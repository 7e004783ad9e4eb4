#include "train/experiment.h"

#include <algorithm>
#include <chrono>
#include <cmath>

#include <fmt/format.h>

#include "augment/settings.h"
#include "common/child_processes.h"
#include "common/error.h"
#include "common/json_file.h"
#include "common/parallel.h"
#include "train/trainer.h"
#include "train/training_data.h"

namespace esc50::train {

namespace {

TrainingData prepare_training_data(const data::Dataset& dataset, const RunConfig& config,
                                   bool quiet) {
  validate_recipe(config);
  const auto folds = assign_folds(dataset, config.protocol, config.seed, config.folds_k);
  if (config.cache.empty()) throw Error("a run needs a feature cache directory (--cache)");
  const std::filesystem::path cache = config.cache;
  const auto augment = augment::augment_params().from_json(config.augment);
  return load_training_data(dataset, folds, config.features, augment, cache, config.train.threads, !quiet);
}

// Trains folds[begin, end) all at once, each in its own process on `threads` threads; returns
// a line for each fold that failed.
std::vector<std::string> train_round(const std::vector<int>& folds, size_t begin, size_t end, int threads,
                                     const RunConfig& base, const std::filesystem::path& out,
                                     const FoldProcesses& processes) {
  std::vector<ChildCommand> commands;
  for (size_t i = begin; i < end; ++i) {
    RunConfig config = base;
    config.fold = folds[i];
    config.train.threads = threads;
    const runs::RunPaths run{runs::fold_dir(out, folds[i])};
    std::filesystem::create_directories(run.dir);
    runs::write_config(run, config.to_json());
    commands.push_back(processes.command(run.dir));
    commands.back().log = run.log();
    fmt::print(stderr, "cross-validation: fold {} of {} on {} thread(s) in its own process -> {}\n", folds[i],
               base.protocol, threads, run.log().string());
  }
  std::vector<std::string> failures;
  run_child_processes(commands, int(commands.size()), [&](size_t i, int status) {
    const int fold = folds[begin + i];
    runs::write_cv_summary(out, base.protocol, base.model, base.to_json());
    if (status == 0)
      fmt::print(stderr, "cross-validation: fold {} finished\n", fold);
    else
      failures.push_back(fmt::format("fold {} failed (exit status {}; see {})", fold, status,
                                     runs::RunPaths{runs::fold_dir(out, fold)}.log().string()));
  });
  return failures;
}

void train_in_processes(const std::vector<int>& folds, const RunConfig& base, const std::filesystem::path& out,
                        const FoldProcesses& processes) {
  const int threads = base.train.threads > 0 ? base.train.threads : hardware_threads();
  const size_t jobs = size_t(processes.jobs);
  const size_t full_rounds_end = folds.size() - folds.size() % jobs;
  std::vector<std::string> failures;
  for (size_t begin = 0; begin < folds.size();) {
    const size_t at_once = begin < full_rounds_end ? jobs : folds.size() - begin;
    auto failed = train_round(folds, begin, begin + at_once, std::max(1, threads / int(at_once)), base, out, processes);
    failures.insert(failures.end(), failed.begin(), failed.end());
    begin += at_once;
  }
  if (failures.empty()) return;
  std::string message = "cross-validation: ";
  for (size_t i = 0; i < failures.size(); ++i) message += (i ? "; " : "") + failures[i];
  throw Error(message);
}

bool same_path(const std::string& a, const std::string& b) {
  std::error_code ec;
  return a == b || (!a.empty() && !b.empty() && std::filesystem::equivalent(a, b, ec));
}

// A fold started or finished by an earlier command, for any of its folds, is resumed or kept
// only if this command asks for the same recipe; otherwise one summary would mix two recipes.
void require_same_recipe(const RunConfig& base, const std::filesystem::path& fold_dir) {
  const runs::RunPaths run{fold_dir};
  const auto json = read_json_file(run.config());
  if (json.contains("ensemble"))
    fail_file(run.config(), "is a fold of an ensemble (esc50 cv --member or --seeds, or esc50 ensemble): "
                            "continue it with its own --member or --seeds flags, or give another --out");
  const auto stored = RunConfig::from_json(json, run.config());
  const auto mismatch = [&](const std::string& what) {
    fail_file(run.config(), "was trained with " + what + "; keeping or resuming it would mix two recipes "
                            "in one cross-validation: give the command the same settings, or another --out");
  };
  for (const auto& [name, there, here] : {std::tuple{"data", stored.data, base.data},
                                          std::tuple{"init", stored.init, base.init},
                                          std::tuple{"teacher", stored.teacher, base.teacher}})
    if (!same_path(there, here))
      mismatch(fmt::format("{} \"{}\", not \"{}\"", name, there, here));
  RunConfig asked = base;
  asked.fold = stored.fold;
  const auto there = recipe(stored), here = recipe(asked);
  if (there == here) return;
  const nlohmann::json::json_pointer setting(nlohmann::json::diff(there, here).front().at("path").get<std::string>());
  const auto value = [&](const nlohmann::json& j) { return j.contains(setting) ? j.at(setting).dump() : "none"; };
  mismatch(setting.to_string().substr(1) + " = " + value(there) + ", not " + value(here));
}

}  // namespace

runs::FinalMetrics prepare_and_train(const data::Dataset& dataset, const RunConfig& config,
                                     const RunOptions& options) {
  return train_run(prepare_training_data(dataset, config, options.quiet), config, options);
}

nlohmann::json recipe(RunConfig config) {
  config.train.threads = 0;
  config.train.precision = resolved_precision(config.train);
  config.cache.clear();
  config.data.clear();
  config.init.clear();
  config.teacher.clear();
  return config.to_json();
}

void require_cv_of_recipe(const RunConfig& base, const std::filesystem::path& out) {
  for (const auto& dir : runs::fold_dirs(out)) require_same_recipe(base, dir);
}

runs::CvSummary run_cross_validation(const data::Dataset& dataset, RunConfig base,
                                    std::vector<int> folds, const std::filesystem::path& out,
                                    bool quiet, const FoldProcesses& processes) {
  // Resolved once, so every fold trains in, and records, the same precision.
  base.train.precision = resolved_precision(base.train);
  // Here, not only in the trainer: finished folds are kept without one.
  std::error_code ec;
  if (!base.teacher.empty() && std::filesystem::equivalent(base.teacher, out, ec))
    fail_file(base.teacher, "is this run's own cross-validation: it cannot teach itself");
  const auto assignment = assign_folds(dataset, base.protocol, base.seed, base.folds_k);
  const int fold_count = assignment.fold_count;
  if (folds.empty())
    for (int k = 1; k <= fold_count; ++k) folds.push_back(k);
  for (int k : folds)
    if (k < 1 || k > fold_count)
      throw Error(fmt::format("--folds: fold {} is not in 1..{} of protocol '{}'", k, fold_count, base.protocol));
  // Here, not hours later when the fold's turn comes.
  for (int k : folds)
    if (std::find(assignment.fold_of_clip.begin(), assignment.fold_of_clip.end(), k) == assignment.fold_of_clip.end())
      throw Error(fmt::format("{}: no clip is in fold {} of protocol '{}' (folds 1..{}): renumber the fold column, "
                              "or leave the fold out with --folds",
                              dataset.source.string(), k, base.protocol, fold_count));
  require_cv_of_recipe(base, out);
  std::vector<int> pending;
  for (int k : folds)
    if (!std::filesystem::exists(runs::RunPaths{runs::fold_dir(out, k)}.final_metrics())) pending.push_back(k);
  std::filesystem::create_directories(out);
  if (processes.jobs > 1 && pending.size() > 1) {
    // Rendered once here with every thread; each fold's process loads its own copy.
    prepare_training_data(dataset, base, quiet);
    train_in_processes(pending, base, out, processes);
  } else if (!pending.empty()) {
    const auto data = prepare_training_data(dataset, base, quiet);
    for (int k : pending) {
      const runs::RunPaths run{runs::fold_dir(out, k)};
      RunConfig config = base;
      config.fold = k;
      fmt::print(stderr, "cross-validation: fold {} of {} -> {}\n", k, base.protocol, run.dir.string());
      train_run(data, config, {run.dir, /*resume=*/true, quiet});
      runs::write_cv_summary(out, base.protocol, base.model, base.to_json());
    }
  }
  return runs::write_cv_summary(out, base.protocol, base.model, base.to_json());
}

}  // namespace esc50::train
