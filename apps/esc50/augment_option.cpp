#include "apps/esc50/augment_option.h"

#include <nlohmann/json.hpp>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/param_table_cli.h"

namespace esc50::cli {

void add_augment_options(CLI::App& cmd, AugmentOptions& o) {
  const auto group = "Augmentation";
  const auto& table = augment::augment_params();
  cmd.add_option("--augment", o.policy, "augmentation policy (default: " + o.defaults.policy + ")")
      ->check(param_check(table.param("policy")))->group(group);
  cmd.add_option("--augment-cache", o.cache_variants,
                 "pre-render K augmented variants per clip into the feature cache (default: " +
                     std::to_string(o.defaults.cache_variants) + ")")
      ->check(param_check(table.param("cache_variants")))->group(group);
  cmd.add_option("--augment-levels", o.strength_levels,
                 "strength levels the adaptive variants are spread over (default: " +
                     std::to_string(o.defaults.strength_levels) + ")")
      ->check(param_check(table.param("strength_levels")))->group(group);
  cmd.add_option("--augment-seed", o.seed, "seed mixed into every variant")
      ->check(param_check(table.param("seed")))->group(group);
  cmd.add_option("--augment-settings", o.settings_file,
                 "JSON file of augmentation settings (see `esc50 settings`); those it names replace the "
                 "defaults, the flags above replace both")->group(group);
}

augment::AugmentSettings AugmentOptions::resolve() const {
  augment::AugmentSettings s = defaults;
  if (!settings_file.empty()) {
    try {
      s = augment::augment_params().from_json(nlohmann::json::parse(read_file(settings_file)), s);
      augment::validate(s);
    } catch (const nlohmann::json::exception& e) {
      fail_file(settings_file, std::string("not valid JSON: ") + e.what());
    } catch (const Error& e) {
      fail_file(settings_file, e.what());
    }
  }
  if (policy) s.policy = *policy;
  if (cache_variants) s.cache_variants = *cache_variants;
  if (strength_levels) s.strength_levels = *strength_levels;
  if (seed) s.seed = *seed;
  augment::validate(s);
  return s;
}

}  // namespace esc50::cli
