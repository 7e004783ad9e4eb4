// esc50-train: the commands that need LibTorch. Users type `esc50 train`, `esc50 cv` and
// `esc50 upgrade-model`; the esc50 program runs this one for them (training_program.h).

#include "apps/esc50/commands.h"
#include "apps/esc50/run_app.h"
#include "common/error.h"
#include "common/memory_policy.h"
#include "common/run_info.h"
#include "model/cpu_features.h"
#include "network/libtorch_version.h"

int main(int argc, char** argv) {
  esc50::configure_allocator();
  CLI::App app{"esc50 — training commands (LibTorch)", "esc50"};
  app.require_subcommand(1);
  app.set_version_flag("--version", [] {
    const auto build = esc50::build_environment();
    return "esc50-train " + build["esc50_version"].get<std::string>() + " (commit " +
           build["git_commit"].get<std::string>() + ")\ntraining: " + esc50::network::libtorch_description() +
           ", " + esc50::model::cpu_description();
  });
  esc50::cli::register_train(app);
  esc50::cli::register_cv(app);
  esc50::cli::register_upgrade_model(app);
  return esc50::cli::run_app(app, argc, argv);
}
