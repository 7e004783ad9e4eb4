#include "train/experiment.h"

#include <chrono>
#include <cmath>
#include <cstdlib>

#include <fmt/format.h>

#include "common/atomic_file.h"
#include "augment/settings.h"
#include "common/error.h"
#include "common/statistics.h"
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

namespace {

nlohmann::json summarise(const RunConfig& base, const std::vector<nlohmann::json>& finals, double seconds) {
  nlohmann::json folds = nlohmann::json::array();
  std::vector<double> accuracies;
  for (const auto& f : finals) {
    folds.push_back({{"fold", f["fold"]}, {"test_acc", f["test_acc"]}, {"test_loss", f["test_loss"]},
                     {"epochs", f["epochs"]}, {"seconds", f["seconds"]}});
    accuracies.push_back(f["test_acc"].get<double>());
  }
  const auto [mean, std_acc] = mean_and_sample_std(accuracies);
  return {{"protocol", base.protocol}, {"model", base.model}, {"folds", folds}, {"mean_acc", mean},
          {"std_acc", std_acc}, {"seconds", seconds}, {"config", base.to_json()}};
}

// Every finished fold in `out`, also those run by other processes or sessions (--folds).
nlohmann::json summarise_directory(const RunConfig& base, const std::filesystem::path& out, int fold_count) {
  std::vector<nlohmann::json> finals;
  double seconds = 0;
  for (int k = 1; k <= fold_count; ++k) {
    const auto file = out / fmt::format("fold-{}", k) / "final.json";
    if (!std::filesystem::exists(file)) continue;
    finals.push_back(nlohmann::json::parse(read_file(file)));
    seconds += finals.back()["seconds"].get<double>();
  }
  return summarise(base, finals, seconds);
}

}  // namespace

nlohmann::json run_cross_validation(const data::Dataset& dataset, const RunConfig& base,
                                    std::vector<int> folds, const std::filesystem::path& out,
                                    bool quiet) {
  const auto data = prepare_training_data(dataset, base, quiet);
  if (folds.empty())
    for (int k = 1; k <= data.fold_count; ++k) folds.push_back(k);
  for (int k : folds)
    if (k < 1 || k > data.fold_count)
      throw Error(fmt::format("--folds: fold {} is not in 1..{} of protocol '{}'", k, data.fold_count, base.protocol));
  std::filesystem::create_directories(out);
  for (int k : folds) {
    const auto run_dir = out / fmt::format("fold-{}", k);
    if (std::filesystem::exists(run_dir / "final.json")) continue;
    RunConfig config = base;
    config.fold = k;
    fmt::print(stderr, "cross-validation: fold {} of {} -> {}\n", k, base.protocol, run_dir.string());
    train_run(data, config, {run_dir, /*resume=*/true, quiet});
    write_file_atomic(out / "summary.json", summarise_directory(base, out, data.fold_count).dump(2));
  }
  const auto summary = summarise_directory(base, out, data.fold_count);
  write_file_atomic(out / "summary.json", summary.dump(2));
  return summary;
}

}  // namespace esc50::train
