#include <torch/nn/functional/pooling.h>

#include "model/architectures.h"

namespace esc50::model {

const ParamTable<TinyCnnSettings>& tinycnn_params() {
  static const ParamTable<TinyCnnSettings> table{
      "tinycnn settings",
      {{"width", "channels of the first convolution", &TinyCnnSettings::width, 1, 64}}};
  return table;
}

TinyCnnImpl::TinyCnnImpl(const TinyCnnSettings& settings, int n_classes) {
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

int64_t TinyCnnImpl::flops(const TinyCnnSettings& settings, int n_classes, int n_mels,
                           int frames) {
  FlopCounter counter(n_mels, frames);
  counter.conv(1, settings.width, 3);
  counter.pool(2, 2, 0);
  counter.conv(settings.width, 2 * settings.width, 3);
  counter.linear(2 * settings.width, n_classes);
  return counter.flops();
}

}  // namespace esc50::model
