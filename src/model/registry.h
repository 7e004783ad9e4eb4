#pragma once
// The model registry behind `--model NAME`: each architecture's settings table, its
// factory and its analytic cost (parameters, forward FLOPs for a given input size).
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "model/network.h"

namespace esc50::model {

inline constexpr const char* kDefaultArchitecture = "esc50net";

struct Architecture {
  std::string name;
  std::string summary;
  // Fills defaults and validates; throws Error naming the bad setting.
  std::function<nlohmann::json(const nlohmann::json& settings)> complete_settings;
  std::function<std::shared_ptr<NetworkImpl>(const nlohmann::json& settings, int n_classes)>
      make;
  std::function<int64_t(const nlohmann::json& settings, int n_classes, int n_mels, int frames)>
      forward_flops;
  std::function<std::string()> settings_markdown;
};

const std::vector<Architecture>& architectures();
// Throws Error listing the known names when `name` is not registered.
const Architecture& find_architecture(const std::string& name);

struct ModelCost {
  int64_t parameters = 0;
  int64_t forward_flops = 0;  // one sample
};
ModelCost model_cost(const std::string& name, const nlohmann::json& settings, int n_classes,
                     int n_mels, int frames);

}  // namespace esc50::model
