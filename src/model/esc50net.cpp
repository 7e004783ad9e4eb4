#include <algorithm>

#include <torch/nn/functional/pooling.h>
#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/pooling.h>

#include "model/architectures.h"

namespace esc50::model {

const ParamTable<Esc50NetSettings>& esc50net_params() {
  static const ParamTable<Esc50NetSettings> table{
      "esc50net settings",
      {
          {"width", "channels of the first block (doubling per block, at most 512)",
           &Esc50NetSettings::width, 4, 256},
          {"blocks", "convolution blocks (2×2 average pooling between them)",
           &Esc50NetSettings::blocks, 1, 6},
          {"convs_per_block", "3×3 convolutions per block", &Esc50NetSettings::convs_per_block,
           1, 3},
          {"dropout", "dropout before the linear classifier", &Esc50NetSettings::dropout, 0,
           0.9},
      }};
  return table;
}

int Esc50NetImpl::channels_of_block(const Esc50NetSettings& settings, int block) {
  return std::min(settings.width << block, 512);
}

Esc50NetImpl::Esc50NetImpl(const Esc50NetSettings& settings, int n_classes)
    : settings_(settings) {
  namespace nn = torch::nn;
  features_ = nn::Sequential();
  int in = 1;
  for (int b = 0; b < settings.blocks; ++b) {
    const int out = channels_of_block(settings, b);
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

int64_t Esc50NetImpl::flops(const Esc50NetSettings& settings, int n_classes, int n_mels,
                            int frames) {
  FlopCounter counter(n_mels, frames);
  int in = 1;
  for (int b = 0; b < settings.blocks; ++b) {
    const int out = channels_of_block(settings, b);
    for (int c = 0; c < settings.convs_per_block; ++c, in = out) counter.conv(in, out, 3);
    if (b + 1 < settings.blocks) counter.pool(2, 2, 0);
  }
  counter.linear(in, n_classes);
  return counter.flops();
}

}  // namespace esc50::model
