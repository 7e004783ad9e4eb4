#include "common/npy.h"

#include <cstring>
#include <numeric>

#include "common/atomic_file.h"
#include "common/error.h"

namespace esc50 {
namespace {

constexpr char kMagic[] = "\x93NUMPY";
constexpr size_t kMagicSize = 6;

std::string shape_text(const std::vector<int64_t>& shape) {
  std::string s = "(";
  for (auto d : shape) s += std::to_string(d) + ",";
  if (shape.size() > 1) s.pop_back();
  return s + ")";
}

int64_t element_count(const std::vector<int64_t>& shape) {
  return std::accumulate(shape.begin(), shape.end(), int64_t{1}, std::multiplies<>());
}

std::vector<int64_t> parse_shape(const std::string& header, const std::filesystem::path& file) {
  auto key = header.find("'shape'");
  auto open = header.find('(', key);
  auto close = header.find(')', open);
  if (key == std::string::npos || open == std::string::npos || close == std::string::npos)
    fail_file(file, "not a .npy array (no shape in header)");
  std::vector<int64_t> shape;
  int64_t dim = -1;
  for (size_t i = open + 1; i <= close; ++i) {
    char c = header[i];
    if (c >= '0' && c <= '9') {
      // Larger dimensions cannot match any file (found by bench/fuzz/fuzz_npy: the digits
      // overflowed int64).
      constexpr int64_t kMaxDimension = int64_t{1} << 40;
      dim = (dim < 0 ? 0 : dim * 10) + (c - '0');
      if (dim > kMaxDimension) fail_file(file, "absurd .npy shape (a dimension over 2^40)");
    } else if (dim >= 0 && (c == ',' || c == ')')) {
      shape.push_back(dim);
      dim = -1;
    }
  }
  return shape;
}

}  // namespace

std::string encode_npy(std::span<const float> values, const std::vector<int64_t>& shape) {
  if (element_count(shape) != static_cast<int64_t>(values.size()))
    throw Error("encode_npy: shape " + shape_text(shape) + " does not match " +
                std::to_string(values.size()) + " values");
  std::string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': " + shape_text(shape) + ", }";
  // Header (magic + version + length + dict + newline) is padded to a multiple of 64 bytes.
  size_t unpadded = kMagicSize + 2 + 2 + dict.size() + 1;
  dict.append((64 - unpadded % 64) % 64, ' ');
  dict += '\n';
  std::string out(kMagic, kMagicSize);
  out += '\x01';
  out += '\x00';
  auto len = static_cast<uint16_t>(dict.size());
  out += static_cast<char>(len & 0xff);
  out += static_cast<char>(len >> 8);
  out += dict;
  out.append(reinterpret_cast<const char*>(values.data()), values.size() * sizeof(float));
  return out;
}

NpyArray decode_npy(const std::string& bytes, const std::filesystem::path& file) {
  if (bytes.size() < 10 || bytes.compare(0, kMagicSize, kMagic, kMagicSize) != 0)
    fail_file(file, "not a .npy file");
  size_t header_len = static_cast<uint8_t>(bytes[8]) | (static_cast<uint8_t>(bytes[9]) << 8);
  if (bytes[6] != 1 || 10 + header_len > bytes.size()) fail_file(file, "unsupported or truncated .npy header");
  std::string header = bytes.substr(10, header_len);
  if (header.find("'<f4'") == std::string::npos || header.find("'fortran_order': False") == std::string::npos)
    fail_file(file, "only little-endian float32 C-order .npy arrays are supported");
  NpyArray array;
  array.shape = parse_shape(header, file);
  const size_t data_offset = 10 + header_len;
  const size_t data_values = (bytes.size() - data_offset) / sizeof(float);
  // The product of the dimensions, checked against the data as it grows so it cannot overflow.
  size_t count = 1;
  for (auto d : array.shape) {
    if (d != 0 && count > data_values / size_t(d)) fail_file(file, "truncated .npy data");
    count *= size_t(d);
  }
  if (bytes.size() - data_offset != count * sizeof(float)) fail_file(file, "truncated .npy data");
  array.values.resize(count);
  if (count > 0) std::memcpy(array.values.data(), bytes.data() + data_offset, count * sizeof(float));
  return array;
}

void write_npy(const std::filesystem::path& file, std::span<const float> values,
               const std::vector<int64_t>& shape) {
  write_file_atomic(file, encode_npy(values, shape));
}

NpyArray read_npy(const std::filesystem::path& file) { return decode_npy(read_file(file), file); }

}  // namespace esc50
