#include <cstdio>

#include "apps/esc50/commands.h"
#include "apps/esc50/run_app.h"
#include "apps/esc50/training_program.h"
#include "common/error.h"
#include "common/memory_policy.h"
#include "common/run_info.h"
#include "engine/network_engine.h"
#include "model/cpu_features.h"

int main(int argc, char** argv) {
  try {
    if (argc > 1 && esc50::cli::is_training_command(argv[1])) esc50::cli::run_training_program(argc, argv);
  } catch (const esc50::Error& e) {
    std::fprintf(stderr, "esc50: error: %s\n", e.what());
    return 1;
  }
  esc50::configure_allocator();
  CLI::App app{"esc50 — environmental sound classification (ESC-50) in one native program"};
  app.require_subcommand(1);
  app.set_version_flag("--version", [] {
    const auto build = esc50::build_environment();
    return "esc50 " + build["esc50_version"].get<std::string>() + " (commit " +
           build["git_commit"].get<std::string>() + ")\ninference: " + esc50::engine::engine_description() +
           ", " + esc50::model::cpu_description();
  });
  esc50::cli::register_info(app);
  esc50::cli::register_features(app);
  esc50::cli::register_settings(app);
  esc50::cli::register_augment(app);
  esc50::cli::register_evaluate(app);
  esc50::cli::register_report(app);
  esc50::cli::register_ensemble(app);
  esc50::cli::register_training_commands(app);
  esc50::cli::register_classify(app);
  esc50::cli::register_embed(app);
  esc50::cli::register_serve(app);
  return esc50::cli::run_app(app, argc, argv);
}
