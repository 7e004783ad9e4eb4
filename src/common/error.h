#pragma once
#include <filesystem>
#include <string>
#include <string_view>

// esc50::Error, public: every failure a user can cause (bad file, bad option, bad model) is
// reported with it, so apps print one line and exit non-zero instead of crashing.
#include "esc50/error.h"

namespace esc50 {

// "<file>: <problem>" — the one message format for problems with an input file.
[[noreturn]] void fail_file(const std::filesystem::path& file, std::string_view problem);

}  // namespace esc50
