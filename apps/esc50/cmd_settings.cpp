#include <fmt/format.h>

#include "apps/esc50/commands.h"
#include "augment/settings.h"
#include "features/logmel.h"
#include "serve/server.h"

namespace esc50::cli {

// Every settings table, printed as the Markdown the docs are generated from.
void register_settings(CLI::App& root) {
  auto* cmd = root.add_subcommand("settings", "Print every setting with its meaning, default and valid range (Markdown)");
  cmd->callback([] {
    fmt::print("## {}\n\n{}\n", features::feature_params().title(), features::feature_params().markdown());
    fmt::print("## {}\n\n{}\n", augment::augment_params().title(), augment::augment_params().markdown());
    fmt::print("## {}\n\n{}\n", serve::server_params().title(), serve::server_params().markdown());
  });
}

}  // namespace esc50::cli
