#pragma once
// NumPy .npy (version 1.0, little-endian float32, C order) so arrays written by esc50 open
// directly with numpy.load.
#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

namespace esc50 {

struct NpyArray {
  std::vector<int64_t> shape;
  std::vector<float> values;
};

std::string encode_npy(std::span<const float> values, const std::vector<int64_t>& shape);
// Throws Error naming `file` when the bytes are not a float32 C-order .npy array.
NpyArray decode_npy(const std::string& bytes, const std::filesystem::path& file);

void write_npy(const std::filesystem::path& file, std::span<const float> values,
               const std::vector<int64_t>& shape);  // atomic
NpyArray read_npy(const std::filesystem::path& file);

}  // namespace esc50
