#pragma once
#include <filesystem>

#include <nlohmann/json.hpp>

namespace esc50 {

// Throws Error "<file>: ..." when the file is missing or not valid JSON.
nlohmann::json read_json_file(const std::filesystem::path& file);

}  // namespace esc50
