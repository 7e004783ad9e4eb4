#pragma once
// model.esc50: a self-describing model file, so inference never depends on flags.
//   "ESC50MODEL\n" | u32 format version | u64 n + n bytes of JSON (ModelInfo)
//   | u64 n + n bytes of weights | u64 FNV-1a of all before
// Little-endian. Weights, format 2: u32 tensor count, then per tensor u32 n + n bytes of
// name, u32 rank, rank × i64 dimensions, float32 values (row-major). Format 1 held a LibTorch
// archive instead; only the training program reads it (`esc50 upgrade-model` rewrites it).
// The checksum turns truncation and bit rot into a clear error instead of garbage
// predictions.
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "model/model_info.h"
#include "model/network_spec.h"

namespace esc50::model {

inline constexpr uint32_t kModelFormatVersion = 2;
inline constexpr uint32_t kLibTorchModelFormatVersion = 1;

struct Tensor {
  std::vector<int64_t> shape;
  std::vector<float> values;
};
using TensorTable = std::map<std::string, Tensor>;

struct ModelFile {
  uint32_t format_version = kModelFormatVersion;
  ModelInfo info;
  TensorTable tensors;            // format 2
  std::string libtorch_archive;   // format 1
};

// Written atomically, in the current format.
void write_model_file(const std::filesystem::path& file, const ModelInfo& info,
                      const TensorTable& tensors);

// Throws Error "<file>: ..." for a missing, foreign, truncated, corrupted or unsupported file.
ModelFile read_model_file(const std::filesystem::path& file);

// An ensemble's table holds each member's tensors under "member<i>/<name>".
std::string member_tensor_name(int member, const std::string& name);
// Member `member`'s own tensors, unprefixed; the whole table when `members` is 1.
TensorTable member_tensors(const TensorTable& tensors, int member, int members);

// Throws Error naming the first tensor that is missing, misshapen or unexpected unless
// `tensors` hold exactly the tensors and shapes of `members` networks of `spec`.
void check_tensors(const TensorTable& tensors, const NetworkSpec& spec, int members = 1);

}  // namespace esc50::model
