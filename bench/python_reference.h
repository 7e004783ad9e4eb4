#pragma once
// The Python/PyTorch reference of bench/python/reference.py, run by the C++ benchmarks in
// the same run so that every "× Python" ratio divides two figures from the same hour.
#include <fmt/format.h>
#include <stdio.h>
#include <sys/wait.h>

#include <cstdlib>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

namespace esc50::bench {

// Debian's interpreter, which python3-torch and python3-torchaudio install into.
inline std::string python_interpreter() {
  const char* given = std::getenv("ESC50_BENCH_PYTHON");
  return given ? given : "/usr/bin/python3";
}

// The reference's JSON answer, or nullopt after printing why there is none.
inline std::optional<nlohmann::json> python_reference(const std::string& arguments) {
  static const bool available =
      std::system((python_interpreter() + " -c 'import torch, torchaudio, soundfile' 2>/dev/null").c_str()) == 0;
  if (!available) {
    fmt::print("(no Python reference: install python3-torch, python3-torchaudio and python3-soundfile)\n");
    return std::nullopt;
  }
  const auto command = fmt::format("{} {}/bench/python/reference.py {}", python_interpreter(), ESC50_SOURCE_DIR, arguments);
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return std::nullopt;
  std::string output;
  char buffer[4096];
  while (size_t n = fread(buffer, 1, sizeof buffer, pipe)) output.append(buffer, n);
  const int status = pclose(pipe);
  auto json = nlohmann::json::parse(output, nullptr, false);
  if (status != 0 || json.is_discarded()) {
    fmt::print("(the Python reference failed: {})\n", command);
    return std::nullopt;
  }
  return json;
}

}  // namespace esc50::bench
