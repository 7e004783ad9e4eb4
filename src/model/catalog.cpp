#include "model/catalog.h"

#include <algorithm>

#include "common/error.h"

namespace esc50::model {

const ParamTable<Esc50NetSettings>& esc50net_params() {
  static const ParamTable<Esc50NetSettings> table{
      "esc50net settings",
      {
          {"width", "channels of the first block (doubling per block, at most 512)",
           &Esc50NetSettings::width, 4, 256},
          {"blocks", "convolution blocks (2×2 average pooling between them)",
           &Esc50NetSettings::blocks, 1, 6},
          {"convs_per_block", "3×3 convolutions per block", &Esc50NetSettings::convs_per_block,
           1, 3},
          {"dropout", "dropout before the linear classifier", &Esc50NetSettings::dropout, 0,
           0.9},
      }};
  return table;
}

int esc50net_block_channels(const Esc50NetSettings& settings, int block) {
  return std::min(settings.width << block, 512);
}

const ParamTable<ResNetSettings>& resnet_params() {
  static const ParamTable<ResNetSettings> table{
      "resnet34 settings",
      {{"dropout", "dropout before the linear classifier", &ResNetSettings::dropout, 0, 0.9}}};
  return table;
}

const ParamTable<TinyCnnSettings>& tinycnn_params() {
  static const ParamTable<TinyCnnSettings> table{
      "tinycnn settings",
      {{"width", "channels of the first convolution", &TinyCnnSettings::width, 1, 64}}};
  return table;
}

namespace {

// The tensor names below are LibTorch's module paths in src/network/ (Sequential children
// are numbered in the order they were added).

NetworkSpec esc50net_spec(const Esc50NetSettings& s, int n_classes) {
  NetworkSpec spec;
  int in = 1, index = 0;
  for (int b = 0; b < s.blocks; ++b) {
    const int out = esc50net_block_channels(s, b);
    for (int c = 0; c < s.convs_per_block; ++c, index += 3, in = out) {
      spec.layers.push_back(ConvSpec{"features." + std::to_string(index), in, out, 3, 1, 1, false,
                                     "features." + std::to_string(index + 1), true});
    }
    if (b + 1 < s.blocks) {
      spec.layers.push_back(PoolSpec{PoolSpec::Kind::average, 2, 2, 0});
      ++index;
    }
  }
  spec.global_pool = GlobalPool::frequency_mean_time_peak_plus_mean;
  spec.classifier = {"classifier", in, n_classes};
  return spec;
}

NetworkSpec resnet34_spec(int n_classes) {
  NetworkSpec spec;
  spec.layers.push_back(ConvSpec{"stem.0", 1, 64, 7, 2, 3, false, "stem.1", true});
  spec.layers.push_back(PoolSpec{PoolSpec::Kind::max, 3, 2, 1});
  int in = 64, index = 0;
  for (int s = 0; s < 4; ++s) {
    for (int b = 0; b < kResNetBlocksPerStage[s]; ++b, ++index) {
      const int out = kResNetStageChannels[s];
      const int stride = b == 0 && s > 0 ? 2 : 1;
      const std::string block = "stages." + std::to_string(index);
      ResidualSpec r{ConvSpec{block + ".conv1", in, out, 3, stride, 1, false, block + ".bn1", true},
                     ConvSpec{block + ".conv2", out, out, 3, 1, 1, false, block + ".bn2", false},
                     std::nullopt};
      if (stride != 1 || in != out)
        r.shortcut = ConvSpec{block + ".downsample.0", in, out, 1, stride, 0, false,
                              block + ".downsample.1", false};
      spec.layers.push_back(std::move(r));
      in = out;
    }
  }
  spec.global_pool = GlobalPool::mean;
  spec.classifier = {"classifier", 512, n_classes};
  return spec;
}

NetworkSpec tinycnn_spec(const TinyCnnSettings& s, int n_classes) {
  NetworkSpec spec;
  const int w = s.width;
  spec.layers.push_back(ConvSpec{"conv1", 1, w, 3, 1, 1, true, "", true});
  spec.layers.push_back(PoolSpec{PoolSpec::Kind::max, 2, 2, 0});
  spec.layers.push_back(ConvSpec{"conv2", w, 2 * w, 3, 1, 1, true, "", true});
  spec.global_pool = GlobalPool::mean;
  spec.classifier = {"classifier", 2 * w, n_classes};
  return spec;
}

// One catalog entry from a settings table and a spec builder taking the parsed settings.
template <class Settings, class Spec>
Architecture entry(std::string name, std::string summary, const ParamTable<Settings>& table,
                   Spec spec) {
  auto parse = [&table](const nlohmann::json& j) {
    return table.from_json(j.is_null() ? nlohmann::json::object() : j);
  };
  Architecture a;
  a.name = std::move(name);
  a.summary = std::move(summary);
  a.complete_settings = [&table, parse](const nlohmann::json& j) { return table.to_json(parse(j)); };
  a.spec = [parse, spec](const nlohmann::json& j, int n_classes) { return spec(parse(j), n_classes); };
  a.settings_markdown = [&table] { return table.markdown(); };
  return a;
}

std::vector<Architecture> make_catalog() {
  std::vector<Architecture> all;
  all.push_back(entry("esc50net",
                      "compact VGG-style CNN, the default (see docs/results.md for its choice)",
                      esc50net_params(), &esc50net_spec));
  all.push_back(entry("resnet34", "the reference project's ResNet34 on one-channel log-mel",
                      resnet_params(),
                      [](const ResNetSettings&, int n) { return resnet34_spec(n); }));
  all.push_back(entry("tinycnn", "two convolutions without batch norm, for tests",
                      tinycnn_params(), &tinycnn_spec));
  return all;
}

}  // namespace

const std::vector<Architecture>& architectures() {
  static const std::vector<Architecture> all = make_catalog();
  return all;
}

const Architecture& find_architecture(const std::string& name) {
  std::string known;
  for (const auto& a : architectures()) {
    if (a.name == name) return a;
    known += (known.empty() ? "" : ", ") + a.name;
  }
  throw Error("unknown model '" + name + "' (known: " + known + ")");
}

ModelCost model_cost(const std::string& name, const nlohmann::json& settings, int n_classes,
                     int n_mels, int frames) {
  const auto spec = find_architecture(name).spec(settings, n_classes);
  return {spec.parameter_count(), spec.forward_flops(n_mels, frames)};
}

}  // namespace esc50::model
