#pragma once
// Each subcommand lives in its own cmd_<name>.cpp and registers itself on the root app;
// its callback throws esc50::Error for user errors, which main turns into exit code 1.
#include <CLI/CLI.hpp>

namespace esc50::cli {

void register_info(CLI::App& root);
void register_features(CLI::App& root);
void register_settings(CLI::App& root);
void register_augment(CLI::App& root);
void register_evaluate(CLI::App& root);
void register_report(CLI::App& root);
void register_ensemble(CLI::App& root);
void register_classify(CLI::App& root);
void register_embed(CLI::App& root);
void register_serve(CLI::App& root);

// esc50-train's commands (main_train.cpp).
void register_train(CLI::App& root);
void register_cv(CLI::App& root);
void register_upgrade_model(CLI::App& root);

}  // namespace esc50::cli
