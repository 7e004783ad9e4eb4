#pragma once
// LibTorch networks of the catalog, built by name and written to or read from model files
// (model/model_file.h).
#include <filesystem>
#include <memory>
#include <string>

#include <nlohmann/json.hpp>

#include "model/model_file.h"
#include "network/network.h"

namespace esc50::network {

// Throws Error for an unknown name or invalid settings.
std::shared_ptr<NetworkImpl> make_network(const std::string& architecture,
                                          const nlohmann::json& settings, int n_classes);

// The network's parameters and batch-norm statistics as float32 CPU tensors, by module path.
model::TensorTable tensor_table(NetworkImpl& network);

// Written atomically. `network` may live on any device.
void save_network(const std::filesystem::path& file, const model::ModelInfo& info,
                  NetworkImpl& network);

struct LoadedNetwork {
  model::ModelInfo info;
  std::shared_ptr<NetworkImpl> network;  // on the CPU, in eval mode
};
// Reads format 2 and LibTorch's format 1. Throws Error "<file>: ..." for a missing, foreign,
// truncated, corrupted or inconsistent file.
LoadedNetwork load_network(const std::filesystem::path& file);

}  // namespace esc50::network
