#pragma once
// Base of every LibTorch network of the catalog (model/catalog.h): log-mel in decibels
// [B, 1, n_mels, frames] in, class logits [B, n_classes] out, through a globally pooled
// embedding [B, D] that `embed` exposes for users who bring their own classifier. The
// networks are fully convolutional with global pooling, so they accept any number of frames
// (training on crops, inference on clips).
#include <cstdint>

#include <torch/nn/module.h>
#include <torch/types.h>

namespace esc50::network {

class NetworkImpl : public torch::nn::Module {
 public:
  // Scales decibels (power_to_db(ref=max) lies in [-top_db, 0]) to roughly zero mean and
  // unit spread (model::kDecibelOffset, kDecibelScale), so every architecture sees the same
  // well-conditioned input.
  torch::Tensor forward(torch::Tensor decibels);
  // The penultimate features: what the last linear layer sees.
  torch::Tensor embed(torch::Tensor decibels);
  int64_t parameter_count() const;
  // Lays the convolution weights out channels-last. LibTorch then runs every convolution, and
  // the batch norm, ReLU and pooling after it, channels-last (the one-channel input needs no
  // reorder), so oneDNN skips the reorders NCHW needs: a training step of esc50net is about
  // 1.3× as fast on CPU (docs/results.md, "Session 13"; bench_train --compare-nchw).
  void use_channels_last();

 protected:
  virtual torch::Tensor pooled(torch::Tensor x) = 0;       // scaled input -> [B, D]
  virtual torch::Tensor head(torch::Tensor embedding) = 0;  // [B, D] -> logits
};

}  // namespace esc50::network
