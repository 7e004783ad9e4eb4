#include <fmt/format.h>

#include "apps/esc50/commands.h"
#include "augment/settings.h"
#include "features/logmel.h"
#include "model/catalog.h"
#include "serve/server.h"
#include "train/train_settings.h"

namespace esc50::cli {

namespace {

// Each network of `--model NAME` with its cost at the default input (64 mel bands × 216
// frames, one 5 s clip) and its own settings table.
void print_models() {
  fmt::print("## Models (`--model NAME`, `--model-settings JSON`)\n\n");
  for (const auto& a : model::architectures()) {
    const auto cost = model::model_cost(a.name, nlohmann::json::object(), 50, 64, 216);
    fmt::print("### {}\n\n{}. With its defaults: {} parameters, {:.2f} GFLOP per 64 × 216 "
               "clip (forward).\n\n{}\n",
               a.name, a.summary, cost.parameters, double(cost.forward_flops) / 1e9,
               a.settings_markdown());
  }
}

}  // namespace

// Every settings table, printed as the Markdown the docs are generated from.
void register_settings(CLI::App& root) {
  auto* cmd = root.add_subcommand("settings", "Print every setting with its meaning, default and valid range (Markdown)");
  cmd->callback([] {
    fmt::print("## {}\n\n{}\n", features::feature_params().title(), features::feature_params().markdown());
    fmt::print("## {}\n\n{}\n", augment::augment_params().title(), augment::augment_params().markdown());
    fmt::print("## {}\n\n{}\n", train::train_params().title(), train::train_params().markdown());
    print_models();
    fmt::print("## {}\n\n{}\n", serve::server_params().title(), serve::server_params().markdown());
  });
}

}  // namespace esc50::cli
