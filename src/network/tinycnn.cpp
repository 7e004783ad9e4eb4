#include <torch/nn/functional/pooling.h>

#include "network/architectures.h"

namespace esc50::network {

TinyCnnImpl::TinyCnnImpl(const model::TinyCnnSettings& settings, int n_classes) {
  namespace nn = torch::nn;
  const int w = settings.width;
  conv1_ = register_module("conv1", nn::Conv2d(nn::Conv2dOptions(1, w, 3).padding(1)));
  conv2_ = register_module("conv2", nn::Conv2d(nn::Conv2dOptions(w, 2 * w, 3).padding(1)));
  classifier_ = register_module("classifier", nn::Linear(2 * w, n_classes));
}

torch::Tensor TinyCnnImpl::pooled(torch::Tensor x) {
  x = torch::max_pool2d(torch::relu(conv1_->forward(x)), 2);
  return torch::relu(conv2_->forward(x)).mean({2, 3});
}

torch::Tensor TinyCnnImpl::head(torch::Tensor embedding) { return classifier_->forward(embedding); }

}  // namespace esc50::network
