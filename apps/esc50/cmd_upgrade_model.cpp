#include <fmt/format.h>

#include "apps/esc50/commands.h"
#include "model/model_file.h"
#include "network/upgrade_model_file.h"

namespace esc50::cli {
namespace {

struct UpgradeArgs {
  std::string model;
  std::string out;
};

void upgrade(const UpgradeArgs& a) {
  const std::filesystem::path out = a.out.empty() ? a.model : a.out;
  network::upgrade_model_file(a.model, out);
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
