#include <fmt/format.h>

#include "apps/esc50/commands.h"
#include "network/network_file.h"

namespace esc50::cli {
namespace {

struct UpgradeArgs {
  std::string model;
  std::string out;
};

void upgrade(const UpgradeArgs& a) {
  auto loaded = network::load_network(a.model);
  const std::filesystem::path out = a.out.empty() ? a.model : a.out;
  network::save_network(out, loaded.info, *loaded.network);
  fmt::print("{} -> {} (model format {})\n", a.model, out.string(), model::kModelFormatVersion);
}

}  // namespace

void register_upgrade_model(CLI::App& root) {
  static UpgradeArgs args;
  auto* cmd = root.add_subcommand(
      "upgrade-model", "Rewrite a model file of format 1 (LibTorch weights) in the current format");
  cmd->add_option("model", args.model, "model file (.esc50)")->required();
  cmd->add_option("--out", args.out, "where to write it (default: in place, atomically)");
  cmd->callback([] { upgrade(args); });
}

}  // namespace esc50::cli
