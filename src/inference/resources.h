#pragma once
// Where the files esc50 ships beside its code live (the default model, the web pages), so
// `esc50 classify` and `esc50 serve` work from a build directory or an install with no flags.
#include <filesystem>
#include <optional>
#include <string>

namespace esc50::inference {

inline constexpr const char* kDefaultModel = "models/default.esc50";

// Searched in order: $ESC50_MODEL; models/default.esc50 in the directory of the running
// executable or any directory above it (a build tree inside the source tree), or in
// share/esc50/ of any of those (an installed bin/); the same from the shared library this code
// is in (a program embedding an installed libesc50); the source tree this binary was built
// from. Throws Error listing the places tried when none has the file.
std::filesystem::path default_model_path();

// The built web pages (index.html): web/dist (a source tree) or web/ (share/esc50 of an
// installation), found as above. nullopt when the pages were never built (`npm ci && npm run
// build` in web/).
std::optional<std::filesystem::path> web_dir();

// The running executable (/proc/self/exe).
std::filesystem::path executable_path();

}  // namespace esc50::inference
