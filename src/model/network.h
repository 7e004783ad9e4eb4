#pragma once
// Base of every architecture in the registry: log-mel in decibels [B, 1, n_mels, frames]
// in, class logits [B, n_classes] out, through a globally pooled embedding [B, D] that
// `embed` exposes for users who bring their own classifier. The networks are fully convolutional with global
// pooling, so they accept any number of frames (training on crops, inference on clips).
#include <cstdint>

#include <torch/nn/module.h>
#include <torch/types.h>

namespace esc50::model {

class NetworkImpl : public torch::nn::Module {
 public:
  // Scales decibels (power_to_db(ref=max) lies in [-top_db, 0]) to roughly zero mean and
  // unit spread, so every architecture sees the same well-conditioned input.
  torch::Tensor forward(torch::Tensor decibels);
  // The penultimate features: what the last linear layer sees.
  torch::Tensor embed(torch::Tensor decibels);
  int64_t parameter_count() const;

 protected:
  virtual torch::Tensor pooled(torch::Tensor x) = 0;       // scaled input -> [B, D]
  virtual torch::Tensor head(torch::Tensor embedding) = 0;  // [B, D] -> logits
};

// Multiply-accumulate bookkeeping for documented FLOP counts: each architecture replays
// its layer shapes through this instead of timing or tracing a forward pass.
class FlopCounter {
 public:
  FlopCounter(int64_t height, int64_t width) : height_(height), width_(width) {}
  // A square 2-d convolution with padding kernel / 2 (the only kind the registry uses).
  void conv(int64_t in_channels, int64_t out_channels, int64_t kernel, int64_t stride = 1);
  // The same on a side branch (a residual shortcut): counted, but the shape stays.
  void branch_conv(int64_t in_channels, int64_t out_channels, int64_t kernel, int64_t stride);
  void pool(int64_t kernel, int64_t stride, int64_t padding);
  void linear(int64_t in_features, int64_t out_features) { macs_ += in_features * out_features; }
  int64_t height() const { return height_; }
  int64_t width() const { return width_; }
  // Forward-pass floating point operations (2 per multiply-accumulate).
  int64_t flops() const { return 2 * macs_; }

 private:
  int64_t height_, width_;
  int64_t macs_ = 0;
};

}  // namespace esc50::model
