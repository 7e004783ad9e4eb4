#pragma once
// Everything that defines a training run; written to RUN_DIR/config.json and read back by
// --resume, so a resumed run cannot silently differ from the interrupted one.
#include <cstdint>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "features/logmel.h"
#include "train/distributed_settings.h"
#include "train/folds.h"
#include "train/train_settings.h"

namespace esc50::train {

struct RunConfig {
  features::FeatureSettings features;
  TrainSettings train;
  std::string model = "esc50net";
  nlohmann::json model_settings = nlohmann::json::object();
  nlohmann::json augment = {{"policy", "none"}};
  std::string protocol = "official";
  int fold = 1;  // held-out fold 1..folds; 0 = train on every clip, no validation
  int folds_k = kDefaultFolds;  // folds of the grouped protocol when it builds them
  uint64_t seed = 0;
  std::string data;     // dataset root or manifest CSV
  std::string columns;  // manifest column names (data::parse_manifest_columns); "" = defaults
  std::string init;     // fine-tuning: model file whose weights start the backbone; "" = none
  std::string teacher;  // distillation (train/teacher.h): model file or cross-validation directory; "" = none
  std::string cache;  // feature cache directory
  DistributedSettings distributed;

  nlohmann::json to_json() const;
  // Throws Error naming `file` for a missing or invalid setting.
  static RunConfig from_json(const nlohmann::json& j, const std::filesystem::path& file);
};

// The checks between settings of different tables, before any data is loaded or any member of
// an ensemble trains: early stopping and the adaptive policy need a validation split, and a
// waveform policy needs pre-rendered variants. Throws Error.
void validate_recipe(const RunConfig& config);

}  // namespace esc50::train
