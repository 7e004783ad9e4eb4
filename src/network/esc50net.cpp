#include <torch/nn/functional/pooling.h>
#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/pooling.h>

#include "network/architectures.h"

namespace esc50::network {

Esc50NetImpl::Esc50NetImpl(const model::Esc50NetSettings& settings, int n_classes) {
  namespace nn = torch::nn;
  features_ = nn::Sequential();
  int in = 1;
  for (int b = 0; b < settings.blocks; ++b) {
    const int out = model::esc50net_block_channels(settings, b);
    for (int c = 0; c < settings.convs_per_block; ++c) {
      features_->push_back(nn::Conv2d(nn::Conv2dOptions(in, out, 3).padding(1).bias(false)));
      features_->push_back(nn::BatchNorm2d(out));
      features_->push_back(nn::ReLU(nn::ReLUOptions(true)));
      in = out;
    }
    if (b + 1 < settings.blocks) features_->push_back(nn::AvgPool2d(nn::AvgPool2dOptions(2)));
  }
  register_module("features", features_);
  dropout_ = register_module("dropout", nn::Dropout(settings.dropout));
  classifier_ = register_module("classifier", nn::Linear(in, n_classes));
}

torch::Tensor Esc50NetImpl::pooled(torch::Tensor x) {
  x = features_->forward(x).mean(2);      // [B, C, T]: average over frequency
  return std::get<0>(x.max(2)) + x.mean(2);  // [B, C]: peak + average over time
}

torch::Tensor Esc50NetImpl::head(torch::Tensor embedding) {
  return classifier_->forward(dropout_->forward(embedding));
}

}  // namespace esc50::network
