#pragma once
#include <filesystem>
#include <vector>

#include <nlohmann/json.hpp>

namespace esc50::eval {

// Throws Error "<file>: ..." when the file is missing or not valid JSON.
nlohmann::json read_json_file(const std::filesystem::path& file);

// One JSON object per line (metrics.jsonl). A truncated last line is skipped, because a
// training that is still running may be half-way through appending it; a bad line anywhere
// else is an error naming the file and line.
std::vector<nlohmann::json> read_json_lines(const std::filesystem::path& file);

}  // namespace esc50::eval
