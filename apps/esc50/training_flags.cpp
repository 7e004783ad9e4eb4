#include "apps/esc50/training_flags.h"

namespace esc50::cli {

train::RunConfig run_config_from_flags(const train::RunArgs& run, const AugmentOptions& augment,
                                       const DataOptions& data, const data::Dataset& dataset) {
  auto config = train::finish_run_config(
      run, dataset,
      augment::augment_params().to_json(training_augmentation(augment.resolve(), augment.policy.has_value(), dataset)));
  config.columns = data.columns;
  return config;
}

}  // namespace esc50::cli
