#pragma once
// The options that choose augmentation for commands that render or train with it:
// --augment POLICY, --augment-cache K, --augment-levels L, --augment-seed S and
// --augment-settings FILE.json (an object of `esc50 settings`' Augmentation keys, e.g. the
// "augment" section of a run's config.json; the flags override it).
#include <CLI/CLI.hpp>
#include <optional>
#include <string>

#include "augment/settings.h"

namespace esc50::cli {

struct AugmentOptions {
  std::optional<std::string> policy;
  std::optional<int> cache_variants;
  std::optional<int> strength_levels;
  std::optional<int> seed;
  std::string settings_file;
  // What applies when neither a settings file nor a flag says otherwise (training commands
  // default to the recipe's augmentation; rendering commands to none).
  augment::AugmentSettings defaults;

  // Validated settings: the file (or defaults), then the flags given.
  augment::AugmentSettings resolve() const;
};

void add_augment_options(CLI::App& cmd, AugmentOptions& options);

}  // namespace esc50::cli
