#pragma once
#include <CLI/CLI.hpp>

namespace esc50::cli {

// Parses and runs `app`: user errors (esc50::Error) print "esc50: error: ..." and return 1,
// anything else unexpected returns 2, CLI11's own (help, bad options) its exit code.
int run_app(CLI::App& app, int argc, char** argv);

}  // namespace esc50::cli
