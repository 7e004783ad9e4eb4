#pragma once
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>

namespace esc50 {

// Every failure a user can cause (bad file, bad option, bad model) is reported with this
// type, so apps can print one line and exit non-zero instead of crashing.
class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// "<file>: <problem>" — the one message format for problems with an input file.
[[noreturn]] void fail_file(const std::filesystem::path& file, std::string_view problem);

}  // namespace esc50
