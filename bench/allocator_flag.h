#pragma once
// --glibc-malloc, which every benchmark takes: each measures under esc50's allocation policy
// (common/memory_policy.h), as users get it, unless asked for glibc's defaults to show what
// the policy gains.
#include <CLI/CLI.hpp>

#include "common/memory_policy.h"

namespace esc50::bench {

class AllocatorFlag {
 public:
  void add_to(CLI::App& app) {
    app.add_flag("--glibc-malloc", glibc_defaults_,
                 "keep glibc's default allocation policy (to measure what esc50's policy gains)");
  }
  // After parsing, before the benchmark allocates anything large.
  void apply() const {
    if (!glibc_defaults_) configure_allocator();
  }
  const char* name() const { return glibc_defaults_ ? "glibc defaults" : "esc50's policy"; }

 private:
  bool glibc_defaults_ = false;
};

}  // namespace esc50::bench
