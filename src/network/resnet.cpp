#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/pooling.h>

#include "network/architectures.h"

namespace esc50::network {
namespace {

namespace nn = torch::nn;

nn::Conv2d conv(int in, int out, int kernel, int stride) {
  return nn::Conv2d(nn::Conv2dOptions(in, out, kernel).stride(stride).padding(kernel / 2).bias(false));
}

}  // namespace

BasicBlockImpl::BasicBlockImpl(int in_channels, int out_channels, int stride) {
  conv1_ = register_module("conv1", conv(in_channels, out_channels, 3, stride));
  bn1_ = register_module("bn1", nn::BatchNorm2d(out_channels));
  conv2_ = register_module("conv2", conv(out_channels, out_channels, 3, 1));
  bn2_ = register_module("bn2", nn::BatchNorm2d(out_channels));
  if (stride != 1 || in_channels != out_channels) {
    downsample_ = register_module(
        "downsample", nn::Sequential(conv(in_channels, out_channels, 1, stride),
                                     nn::BatchNorm2d(out_channels)));
  }
}

torch::Tensor BasicBlockImpl::forward(torch::Tensor x) {
  auto y = torch::relu(bn1_->forward(conv1_->forward(x)));
  y = bn2_->forward(conv2_->forward(y));
  return torch::relu(y + (downsample_ ? downsample_->forward(x) : x));
}

ResNet34Impl::ResNet34Impl(const model::ResNetSettings& settings, int n_classes) {
  stem_ = register_module(
      "stem", nn::Sequential(conv(1, 64, 7, 2), nn::BatchNorm2d(64), nn::ReLU(nn::ReLUOptions(true)),
                             nn::MaxPool2d(nn::MaxPool2dOptions(3).stride(2).padding(1))));
  stages_ = nn::Sequential();
  int in = 64;
  for (int s = 0; s < 4; ++s) {
    for (int b = 0; b < model::kResNetBlocksPerStage[s]; ++b) {
      stages_->push_back(BasicBlock(in, model::kResNetStageChannels[s], b == 0 && s > 0 ? 2 : 1));
      in = model::kResNetStageChannels[s];
    }
  }
  register_module("stages", stages_);
  dropout_ = register_module("dropout", nn::Dropout(settings.dropout));
  classifier_ = register_module("classifier", nn::Linear(512, n_classes));
}

torch::Tensor ResNet34Impl::pooled(torch::Tensor x) { return stages_->forward(stem_->forward(x)).mean({2, 3}); }

torch::Tensor ResNet34Impl::head(torch::Tensor embedding) {
  return classifier_->forward(dropout_->forward(embedding));
}

}  // namespace esc50::network
