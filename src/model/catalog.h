#pragma once
// The catalog behind `--model NAME`: each architecture's settings table, its layer graph
// (network_spec.h) and analytic cost. No LibTorch: the engine, `esc50 settings` and the
// trainer all read it; src/network/ builds the LibTorch module of each name.
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "common/param_table.h"
#include "model/network_spec.h"

namespace esc50::model {

// esc50net: the compact default. VGG-style blocks (3×3 conv, batch norm, ReLU; 2×2 average
// pooling between blocks), channels doubling from `width`, then frequency averaging and
// max+mean pooling over time, which keeps short events (dog bark, door knock) visible.
// Five blocks, not four: the fifth (512 channels on a 4 × 13 map) costs 8–15 % more time per
// step and scored 4.25 points more on official fold 1 (docs/results.md).
struct Esc50NetSettings {
  int width = 32;
  int blocks = 5;
  int convs_per_block = 1;
  double dropout = 0.3;
};
const ParamTable<Esc50NetSettings>& esc50net_params();
int esc50net_block_channels(const Esc50NetSettings& settings, int block);

// resnet34: the reference project's network, for parity (7×7/2 conv 64, 3×3/2 max-pool,
// basic blocks [3, 4, 6, 3] with 64/128/256/512 channels, global average pool, dropout,
// linear), adapted to one input channel.
struct ResNetSettings {
  double dropout = 0.5;
};
const ParamTable<ResNetSettings>& resnet_params();
inline constexpr int kResNetBlocksPerStage[4] = {3, 4, 6, 3};
inline constexpr int kResNetStageChannels[4] = {64, 128, 256, 512};

// tinycnn: two convolutions without batch normalisation, for tests where every sample's
// gradient must be independent of the rest of its batch (data-parallel equality).
struct TinyCnnSettings {
  int width = 8;
};
const ParamTable<TinyCnnSettings>& tinycnn_params();

struct Architecture {
  std::string name;
  std::string summary;
  // Fills defaults and validates; throws Error naming the bad setting.
  std::function<nlohmann::json(const nlohmann::json& settings)> complete_settings;
  std::function<NetworkSpec(const nlohmann::json& settings, int n_classes)> spec;
  std::function<std::string()> settings_markdown;
};

const std::vector<Architecture>& architectures();
// Throws Error listing the known names when `name` is not in the catalog.
const Architecture& find_architecture(const std::string& name);

struct ModelCost {
  int64_t parameters = 0;
  int64_t forward_flops = 0;  // one sample
};
ModelCost model_cost(const std::string& name, const nlohmann::json& settings, int n_classes,
                     int n_mels, int frames);

}  // namespace esc50::model
