#pragma once
// The layer graph of a catalog network, without LibTorch: what the inference engine builds,
// what the analytic costs count, and which tensors a model file must hold. The LibTorch
// modules in src/network/ define the same graph for training; tests/network/ checks that
// both agree on every tensor's name and shape and on the outputs.
//
// Input: log-mel decibels [B, 1, n_mels, frames], scaled to (dB + 40) / 20 first.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace esc50::model {

inline constexpr float kDecibelOffset = 40.0f;
inline constexpr float kDecibelScale = 20.0f;
inline constexpr float kBatchNormEpsilon = 1e-5f;

// A square convolution, optionally followed by batch norm (tensors `batch_norm`.weight,
// .bias, .running_mean, .running_var) and ReLU.
struct ConvSpec {
  std::string name;        // tensors name.weight [out, in, k, k] and, with bias, name.bias
  int in = 0, out = 0, kernel = 3, stride = 1, padding = 1;
  bool bias = false;
  std::string batch_norm;  // empty: none
  bool relu = false;
};

struct PoolSpec {
  enum class Kind { max, average };
  Kind kind = Kind::max;
  int kernel = 2, stride = 2, padding = 0;  // max pooling pads with -inf, average with none
};

// relu(second(first(x)) + shortcut(x)), shortcut = identity when absent.
struct ResidualSpec {
  ConvSpec first, second;
  std::optional<ConvSpec> shortcut;
};

using LayerSpec = std::variant<ConvSpec, PoolSpec, ResidualSpec>;

// How the last feature map [B, C, H, W] becomes the embedding [B, C].
enum class GlobalPool {
  mean,                   // over frequency and time
  frequency_mean_time_peak_plus_mean,  // mean over frequency, then max + mean over time
};

struct LinearSpec {
  std::string name;  // tensors name.weight [out, in], name.bias [out]
  int in = 0, out = 0;
};

// Output side of a convolution or pooling window sliding over `size` (floor mode, as LibTorch).
inline int64_t sliding_output_size(int64_t size, int kernel, int stride, int padding) {
  return (size + 2 * padding - kernel) / stride + 1;
}

struct NetworkSpec {
  std::vector<LayerSpec> layers;
  GlobalPool global_pool = GlobalPool::mean;
  LinearSpec classifier;

  // Every tensor a model file of this network holds, with its shape (batch-norm statistics
  // included, LibTorch's num_batches_tracked counters not).
  std::map<std::string, std::vector<int64_t>> tensor_shapes() const;
  // Learnable values: convolution and linear weights and biases, batch-norm scales and shifts.
  int64_t parameter_count() const;
  // Forward floating-point operations for one input (2 per multiply-accumulate).
  int64_t forward_flops(int n_mels, int frames) const;
  int embedding_size() const { return classifier.in; }
};

}  // namespace esc50::model
