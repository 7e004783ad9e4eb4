#include "eval/json_file.h"

#include <sstream>

#include "common/atomic_file.h"
#include "common/error.h"

namespace esc50::eval {

nlohmann::json read_json_file(const std::filesystem::path& file) {
  if (!std::filesystem::exists(file)) fail_file(file, "no such file");
  try {
    return nlohmann::json::parse(read_file(file));
  } catch (const nlohmann::json::parse_error& e) {
    fail_file(file, std::string("not valid JSON: ") + e.what());
  }
}

std::vector<nlohmann::json> read_json_lines(const std::filesystem::path& file) {
  if (!std::filesystem::exists(file)) fail_file(file, "no such file");
  std::istringstream in(read_file(file));
  std::vector<std::pair<size_t, std::string>> lines;  // (1-based line number, text)
  size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.find_first_not_of(" \t\r") != std::string::npos) lines.emplace_back(number, line);
  }
  std::vector<nlohmann::json> records;
  for (size_t i = 0; i < lines.size(); ++i) {
    try {
      records.push_back(nlohmann::json::parse(lines[i].second));
    } catch (const nlohmann::json::parse_error& e) {
      if (i + 1 == lines.size()) break;
      fail_file(file, "line " + std::to_string(lines[i].first) + " is not valid JSON: " + e.what());
    }
  }
  return records;
}

}  // namespace esc50::eval
