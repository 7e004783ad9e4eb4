#include "model/model_info.h"

#include "common/error.h"

namespace esc50::model {

nlohmann::json model_info_to_json(const ModelInfo& info) {
  return {{"architecture", info.architecture},
          {"architecture_settings", info.architecture_settings},
          {"features", features::feature_params().to_json(info.features)},
          {"class_names", info.class_names},
          {"provenance", info.provenance},
          {"parameter_count", info.parameter_count},
          {"members", info.members}};
}

ModelInfo model_info_from_json(const nlohmann::json& j, const std::filesystem::path& file) {
  ModelInfo info;
  try {
    info.architecture = j.at("architecture").get<std::string>();
    info.architecture_settings = j.at("architecture_settings");
    info.features = features::feature_params().from_json(j.at("features"));
    info.class_names = j.at("class_names").get<std::vector<std::string>>();
    info.provenance = j.value("provenance", nlohmann::json::object());
    info.parameter_count = j.at("parameter_count").get<int64_t>();
    info.members = j.value("members", 1);
  } catch (const nlohmann::json::exception& e) {
    fail_file(file, std::string("model description is incomplete: ") + e.what());
  } catch (const Error& e) {
    fail_file(file, e.what());
  }
  if (info.class_names.empty()) fail_file(file, "model has no class names");
  if (info.members < 1) fail_file(file, "model has " + std::to_string(info.members) + " members");
  return info;
}

}  // namespace esc50::model
