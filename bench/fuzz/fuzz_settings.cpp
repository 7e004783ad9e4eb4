// libFuzzer target: settings JSON of every table (features, augmentation, training, server,
// each network's settings), as config.json, model files and --settings arguments carry them.
#include <cstddef>
#include <cstdint>

#include <nlohmann/json.hpp>

#include "augment/settings.h"
#include "common/error.h"
#include "features/logmel.h"
#include "model/catalog.h"
#include "serve/server.h"
#include "train/train_settings.h"

namespace {

template <class Table>
void round_trip(const Table& table, const nlohmann::json& json) {
  try {
    table.to_json(table.from_json(json));
  } catch (const esc50::Error&) {
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace esc50;
  const auto json = nlohmann::json::parse(data, data + size, nullptr, false);
  if (json.is_discarded()) return 0;
  round_trip(features::feature_params(), json);
  round_trip(augment::augment_params(), json);
  round_trip(train::train_params(), json);
  round_trip(serve::server_params(), json);
  for (const auto& architecture : model::architectures()) {
    try {
      architecture.spec(architecture.complete_settings(json), 10).forward_flops(64, 216);
    } catch (const Error&) {
    }
  }
  return 0;
}
