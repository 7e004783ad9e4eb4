#pragma once
#include <cstdint>
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace esc50 {

// Throws Error "<file>: ..." when the file is missing or not valid JSON.
nlohmann::json read_json_file(const std::filesystem::path& file);

// j[key] as an integer in [min, max]: `fallback` when absent or null. A float, even a whole
// one, or a value out of range throws Error naming `where` and the key (nlohmann's own
// conversion would cast 1e300 to int, which is undefined behaviour).
int64_t json_integer(const nlohmann::json& j, const char* key, const std::string& where, int64_t fallback,
                     int64_t min, int64_t max);
inline int json_int(const nlohmann::json& j, const char* key, const std::string& where, int fallback = 0) {
  return int(json_integer(j, key, where, fallback, INT32_MIN, INT32_MAX));
}

}  // namespace esc50
