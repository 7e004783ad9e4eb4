#pragma once
// What a result needs to be reproducible: the code version and the build that produced it.
#include <nlohmann/json.hpp>
#include <string>

namespace esc50 {

// The project version, "MAJOR.MINOR.PATCH".
std::string esc50_version();
// `git describe`-like commit of the source tree ("<sha>[-dirty]"), or "unknown".
std::string source_commit();
// Commit, compiler, build type, host threads; stages add their library versions.
nlohmann::json build_environment();

}  // namespace esc50
