#include <torch/nn/functional/pooling.h>
#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/pooling.h>

#include "network/architectures.h"
#include "network/batchnorm_relu_pool.h"

namespace esc50::network {

Esc50NetImpl::Esc50NetImpl(const model::Esc50NetSettings& settings, int n_classes) {
  namespace nn = torch::nn;
  features_ = nn::Sequential();
  int in = 1;
  for (int b = 0; b < settings.blocks; ++b) {
    const int out = model::esc50net_block_channels(settings, b);
    for (int c = 0; c < settings.convs_per_block; ++c) {
      layers_.push_back({nn::Conv2d(nn::Conv2dOptions(in, out, 3).padding(1).bias(false)), nn::BatchNorm2d(out),
                         nn::ReLU(nn::ReLUOptions(true))});
      features_->push_back(layers_.back().conv);
      features_->push_back(layers_.back().norm);
      features_->push_back(layers_.back().relu);
      in = out;
    }
    if (b + 1 < settings.blocks) {
      layers_.back().pool = nn::AvgPool2d(nn::AvgPool2dOptions(2));
      features_->push_back(layers_.back().pool);
    }
  }
  register_module("features", features_);
  dropout_ = register_module("dropout", nn::Dropout(settings.dropout));
  classifier_ = register_module("classifier", nn::Linear(in, n_classes));
}

torch::Tensor Esc50NetImpl::pooled(torch::Tensor x) {
  for (auto& layer : layers_) {
    x = layer.conv->forward(x);
    const bool pool = !layer.pool.is_empty();
    if (batchnorm_relu_pool_applies(x, *layer.norm, pool)) {
      x = batchnorm_relu_pool(x, *layer.norm, pool);
      continue;
    }
    x = layer.relu->forward(layer.norm->forward(x));
    if (pool) x = layer.pool->forward(x);
  }
  x = x.mean(2);                             // [B, C, T]: average over frequency
  return std::get<0>(x.max(2)) + x.mean(2);  // [B, C]: peak + average over time
}

torch::Tensor Esc50NetImpl::head(torch::Tensor embedding) {
  return classifier_->forward(dropout_->forward(embedding));
}

}  // namespace esc50::network
