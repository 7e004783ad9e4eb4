#pragma once
// The recipe that `train` and `cv` read from their flags.
#include "apps/esc50/augment_option.h"
#include "apps/esc50/data_option.h"
#include "train/run_options.h"

namespace esc50::cli {

// The run's config for `dataset`: the run options, the augmentation (none outside ESC-50 unless
// a policy is asked for) and the manifest's --columns. Throws Error.
train::RunConfig run_config_from_flags(const train::RunArgs& run, const AugmentOptions& augment,
                                       const DataOptions& data, const data::Dataset& dataset);

}  // namespace esc50::cli
