#pragma once
// The recipe that `train` and `cv` read from their flags.
#include <filesystem>

#include "apps/esc50/augment_option.h"
#include "apps/esc50/data_option.h"
#include "train/run_options.h"

namespace esc50::cli {

// The feature cache directory when --cache gives none: $ESC50_CACHE, else
// $XDG_CACHE_HOME/esc50, else ~/.cache/esc50.
std::filesystem::path default_cache_dir();

// The run's config for `dataset`: the run options, the augmentation (none outside ESC-50 unless
// a policy is asked for), the manifest's --columns and the cache directory. Throws Error.
train::RunConfig run_config_from_flags(const train::RunArgs& run, const AugmentOptions& augment,
                                       const DataOptions& data, const data::Dataset& dataset);

}  // namespace esc50::cli
