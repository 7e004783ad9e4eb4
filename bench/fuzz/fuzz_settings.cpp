// libFuzzer target: settings JSON of the torch-free tables (features, augmentation), as
// config.json, model files and --settings arguments carry them.
#include <cstddef>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "augment/settings.h"
#include "common/error.h"
#include "features/logmel.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace esc50;
  const auto json = nlohmann::json::parse(data, data + size, nullptr, false);
  if (json.is_discarded()) return 0;
  try {
    const auto features = features::feature_params().from_json(json);
    features::feature_params().to_json(features);
  } catch (const Error&) {
  }
  try {
    const auto augment = augment::augment_params().from_json(json);
    augment::augment_params().to_json(augment);
  } catch (const Error&) {
  }
  return 0;
}
