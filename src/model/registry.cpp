#include "model/registry.h"

#include "common/error.h"
#include "model/architectures.h"

namespace esc50::model {
namespace {

// Builds the registry entry of one architecture from its settings table; `flops` receives
// the parsed settings struct.
template <class Settings, class Make, class Flops>
Architecture entry(std::string name, std::string summary, const ParamTable<Settings>& table,
                   Make make, Flops flops) {
  Architecture a;
  a.name = std::move(name);
  a.summary = std::move(summary);
  a.complete_settings = [&table](const nlohmann::json& j) {
    return table.to_json(table.from_json(j.is_null() ? nlohmann::json::object() : j));
  };
  a.make = [&table, make](const nlohmann::json& j, int n_classes) {
    return make(table.from_json(j.is_null() ? nlohmann::json::object() : j), n_classes);
  };
  a.forward_flops = [&table, flops](const nlohmann::json& j, int n_classes, int n_mels,
                                    int frames) {
    return flops(table.from_json(j.is_null() ? nlohmann::json::object() : j), n_classes, n_mels,
                 frames);
  };
  a.settings_markdown = [&table] { return table.markdown(); };
  return a;
}

std::vector<Architecture> make_registry() {
  std::vector<Architecture> all;
  all.push_back(entry(
      "esc50net", "compact VGG-style CNN, the default (see docs/results.md for its choice)",
      esc50net_params(),
      [](const Esc50NetSettings& s, int n) -> std::shared_ptr<NetworkImpl> {
        return Esc50Net(s, n).ptr();
      },
      &Esc50NetImpl::flops));
  all.push_back(entry(
      "resnet34", "the reference project's ResNet34 on one-channel log-mel", resnet_params(),
      [](const ResNetSettings& s, int n) -> std::shared_ptr<NetworkImpl> {
        return ResNet34(s, n).ptr();
      },
      [](const ResNetSettings&, int n, int m, int f) { return ResNet34Impl::flops(n, m, f); }));
  all.push_back(entry(
      "tinycnn", "two convolutions without batch norm, for tests", tinycnn_params(),
      [](const TinyCnnSettings& s, int n) -> std::shared_ptr<NetworkImpl> {
        return TinyCnn(s, n).ptr();
      },
      &TinyCnnImpl::flops));
  return all;
}

}  // namespace

const std::vector<Architecture>& architectures() {
  static const std::vector<Architecture> all = make_registry();
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
  const auto& a = find_architecture(name);
  return {a.make(settings, n_classes)->parameter_count(),
          a.forward_flops(settings, n_classes, n_mels, frames)};
}

}  // namespace esc50::model
