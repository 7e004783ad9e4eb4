#pragma once
// The fuzz targets whose parsers read files or directories: one scratch directory per
// process, and the input written to a file in it.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

namespace esc50::fuzz {

// A new directory under the temporary directory, named after the target.
inline std::filesystem::path make_scratch_dir(const std::string& target) {
  std::string pattern = (std::filesystem::temp_directory_path() / (target + ".XXXXXX")).string();
  if (!mkdtemp(pattern.data())) std::abort();
  return pattern;
}

inline void write_input(const std::filesystem::path& file, const uint8_t* data, size_t size) {
  std::ofstream(file, std::ios::binary | std::ios::trunc).write(reinterpret_cast<const char*>(data), std::streamsize(size));
}

}  // namespace esc50::fuzz
