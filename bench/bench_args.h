#pragma once
// The options every dataset benchmark takes: --data (default $ESC50_DIR), --clips, --repeats,
// --glibc-malloc.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <optional>
#include <string>

#include "allocator_flag.h"
#include "data/esc50_meta.h"

namespace esc50::bench {

struct BenchArgs {
  std::string data_dir;
  size_t clips = 100;
  int repeats = 5;
  AllocatorFlag allocator;

  void add_to(CLI::App& app) {
    allocator.add_to(app);
    app.add_option("--data", data_dir, "ESC-50 root (default $ESC50_DIR)");
    app.add_option("--clips", clips, "clips per measurement")->capture_default_str();
    app.add_option("--repeats", repeats, "measurements; the median is reported")->capture_default_str();
  }

  // The dataset root, or nullopt after telling the user how to give one.
  std::optional<std::filesystem::path> dataset_root() const {
    auto root = data_dir.empty() ? data::esc50_dir_from_env() : std::optional(std::filesystem::path(data_dir));
    if (!root) fmt::print(stderr, "set ESC50_DIR or pass --data\n");
    return root;
  }
};

}  // namespace esc50::bench
