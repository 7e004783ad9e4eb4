#include "apps/esc50/training_flags.h"

#include <cstdlib>

namespace esc50::cli {

std::filesystem::path default_cache_dir() {
  if (const char* dir = std::getenv("ESC50_CACHE"); dir && *dir) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::filesystem::path(xdg) / "esc50";
  if (const char* home = std::getenv("HOME"); home && *home) return std::filesystem::path(home) / ".cache" / "esc50";
  return ".esc50-cache";
}

train::RunConfig run_config_from_flags(const train::RunArgs& run, const AugmentOptions& augment,
                                       const DataOptions& data, const data::Dataset& dataset) {
  auto config = train::finish_run_config(
      run, dataset,
      augment::augment_params().to_json(training_augmentation(augment.resolve(), augment.policy.has_value(), dataset)));
  config.columns = data.columns;
  if (config.cache.empty()) config.cache = default_cache_dir().string();
  return config;
}

}  // namespace esc50::cli
