#include "common/error.h"

namespace esc50 {

void fail_file(const std::filesystem::path& file, std::string_view problem) {
  throw Error(file.string() + ": " + std::string(problem));
}

}  // namespace esc50
