#pragma once
// Everything a model file carries besides weights, so loading never depends on flags.
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "features/logmel.h"

namespace esc50::model {

struct ModelInfo {
  std::string architecture;                 // catalog name, e.g. "esc50net"
  nlohmann::json architecture_settings;     // the model's own hyper-parameters
  features::FeatureSettings features;       // how its input was computed
  std::vector<std::string> class_names;     // output order
  nlohmann::json provenance;                // recipe, data, CV accuracy, git commit, date
  int64_t parameter_count = 0;             // over all members
  // An ensemble: this many networks of the same architecture, settings and features, whose
  // probabilities are averaged (model/ensemble.h). 1 for a single network.
  int members = 1;
};

nlohmann::json model_info_to_json(const ModelInfo& info);
// Throws Error naming `file` when a field is missing or invalid.
ModelInfo model_info_from_json(const nlohmann::json& j, const std::filesystem::path& file);

}  // namespace esc50::model
