#include "train/experiment.h"

#include <chrono>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "augment/settings.h"
#include "common/error.h"
#include "train/trainer.h"

namespace esc50::train {

std::filesystem::path default_cache_dir() {
  if (const char* dir = std::getenv("ESC50_CACHE"); dir && *dir) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "esc50";
  if (const char* home = std::getenv("HOME"); home && *home) return std::filesystem::path(home) / ".cache" / "esc50";
  return ".esc50-cache";
}

TrainingData prepare_training_data(const data::Dataset& dataset, const RunConfig& config,
                                   bool quiet) {
  const auto folds = assign_folds(dataset, config.protocol, config.seed, config.folds_k);
  const std::filesystem::path cache = config.cache.empty() ? default_cache_dir() : std::filesystem::path(config.cache);
  const auto augment = augment::augment_params().from_json(config.augment);
  return load_training_data(dataset, folds, config.features, augment, cache, config.train.threads, !quiet);
}


runs::CvSummary run_cross_validation(const data::Dataset& dataset, const RunConfig& base,
                                    std::vector<int> folds, const std::filesystem::path& out,
                                    bool quiet) {
  const int fold_count = assign_folds(dataset, base.protocol, base.seed, base.folds_k).fold_count;
  if (folds.empty())
    for (int k = 1; k <= fold_count; ++k) folds.push_back(k);
  for (int k : folds)
    if (k < 1 || k > fold_count)
      throw Error(fmt::format("--folds: fold {} is not in 1..{} of protocol '{}'", k, fold_count, base.protocol));
  const auto data = prepare_training_data(dataset, base, quiet);
  std::filesystem::create_directories(out);
  for (int k : folds) {
    const runs::RunPaths run{runs::fold_dir(out, k)};
    if (std::filesystem::exists(run.final_metrics())) continue;
    RunConfig config = base;
    config.fold = k;
    fmt::print(stderr, "cross-validation: fold {} of {} -> {}\n", k, base.protocol, run.dir.string());
    train_run(data, config, {run.dir, /*resume=*/true, quiet});
    runs::write_cv_summary(out, base.protocol, base.model, base.to_json());
  }
  return runs::write_cv_summary(out, base.protocol, base.model, base.to_json());
}

}  // namespace esc50::train
