#pragma once
// model.esc50: a self-describing model file, so inference never depends on flags.
//   "ESC50MODEL\n" | u32 format version | u64 n + n bytes of JSON (ModelInfo)
//   | u64 n + n bytes of LibTorch archive (weights and buffers) | u64 FNV-1a of all before
// Little-endian. The checksum turns truncation and bit rot into a clear error instead of
// garbage predictions.
#include <filesystem>
#include <memory>

#include "model/classifier.h"
#include "model/network.h"

namespace esc50::model {

inline constexpr uint32_t kModelFormatVersion = 1;

nlohmann::json model_info_to_json(const ModelInfo& info);
// Throws Error naming `file` when a field is missing or invalid.
ModelInfo model_info_from_json(const nlohmann::json& j, const std::filesystem::path& file);

// Written atomically. `network` may live on any device; the file holds CPU tensors.
void save_model_file(const std::filesystem::path& file, const ModelInfo& info,
                     NetworkImpl& network);

struct LoadedModel {
  ModelInfo info;
  std::shared_ptr<NetworkImpl> network;  // on the CPU, in eval mode
};
// Throws Error "<file>: ..." for a missing, foreign, truncated, corrupted or inconsistent file.
LoadedModel load_model_file(const std::filesystem::path& file);

}  // namespace esc50::model
