#include "common/json_file.h"

#include "common/atomic_file.h"
#include "common/error.h"

namespace esc50 {

nlohmann::json read_json_file(const std::filesystem::path& file) {
  if (!std::filesystem::exists(file)) fail_file(file, "no such file");
  try {
    return nlohmann::json::parse(read_file(file));
  } catch (const nlohmann::json::parse_error& e) {
    fail_file(file, std::string("not valid JSON: ") + e.what());
  }
}

}  // namespace esc50
