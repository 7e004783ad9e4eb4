#pragma once
// The options every dataset benchmark takes: --data (default $ESC50_DIR), --clips, --repeats.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <optional>
#include <string>

#include "common/memory_policy.h"
#include "data/esc50_meta.h"

namespace esc50::bench {

struct BenchArgs {
  std::string data_dir;
  size_t clips = 100;
  int repeats = 5;
  bool glibc_malloc = false;

  void add_to(CLI::App& app) {
    app.add_flag("--glibc-malloc", glibc_malloc,
                 "keep glibc's default allocation policy (to measure what esc50's policy gains)");
    app.add_option("--data", data_dir, "ESC-50 root (default $ESC50_DIR)");
    app.add_option("--clips", clips, "clips per measurement")->capture_default_str();
    app.add_option("--repeats", repeats, "measurements; the median is reported")->capture_default_str();
  }

  void apply_allocator_policy() const {
    if (!glibc_malloc) configure_allocator();
  }
  const char* allocator_name() const { return glibc_malloc ? "glibc defaults" : "esc50's policy"; }

  // The dataset root, or nullopt after telling the user how to give one.
  std::optional<std::filesystem::path> dataset_root() const {
    auto root = data_dir.empty() ? data::esc50_dir_from_env() : std::optional(std::filesystem::path(data_dir));
    if (!root) fmt::print(stderr, "set ESC50_DIR or pass --data\n");
    return root;
  }
};

}  // namespace esc50::bench
