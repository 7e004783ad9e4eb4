#include "common/json_file.h"

#include "common/atomic_file.h"
#include "common/error.h"

namespace esc50 {

nlohmann::json read_json_file(const std::filesystem::path& file) {
  if (!std::filesystem::exists(file)) fail_file(file, "no such file");
  try {
    return nlohmann::json::parse(read_file(file));
  } catch (const nlohmann::json::exception& e) {  // also out_of_range: a number like 1e3001
    fail_file(file, std::string("not valid JSON: ") + e.what());
  }
}

int64_t json_integer(const nlohmann::json& j, const char* key, const std::string& where, int64_t fallback,
                     int64_t min, int64_t max) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return fallback;
  if (it->is_number_unsigned() && it->get<uint64_t>() > uint64_t(INT64_MAX))
    throw Error(where + ": " + key + " is out of range");
  if (!it->is_number_integer()) throw Error(where + ": " + key + " must be an integer");
  const auto value = it->get<int64_t>();
  if (value < min || value > max) throw Error(where + ": " + key + " = " + std::to_string(value) + " is out of range");
  return value;
}

}  // namespace esc50
