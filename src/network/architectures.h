#pragma once
// The LibTorch modules of the catalog's networks (model/catalog.h has their settings, layer
// graphs and costs; tests/network/ checks these modules against those graphs).
#include <torch/nn/modules/activation.h>
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/modules/pooling.h>
#include <torch/nn/pimpl.h>

#include <vector>

#include "model/catalog.h"
#include "network/network.h"

namespace esc50::network {

class Esc50NetImpl : public NetworkImpl {
 public:
  Esc50NetImpl(const model::Esc50NetSettings& settings, int n_classes);

 protected:
  torch::Tensor pooled(torch::Tensor x) override;
  torch::Tensor head(torch::Tensor embedding) override;

 private:
  // One convolution with the layers after it. They also sit in features_, in order, which
  // names their parameters in model files ("features.N.…").
  struct Layer {
    torch::nn::Conv2d conv;
    torch::nn::BatchNorm2d norm;
    torch::nn::ReLU relu;
    torch::nn::AvgPool2d pool{nullptr};  // none after the last block's convolutions
  };
  torch::nn::Sequential features_{nullptr};
  std::vector<Layer> layers_;
  torch::nn::Dropout dropout_{nullptr};
  torch::nn::Linear classifier_{nullptr};
};
TORCH_MODULE(Esc50Net);

class BasicBlockImpl : public torch::nn::Module {
 public:
  BasicBlockImpl(int in_channels, int out_channels, int stride);
  torch::Tensor forward(torch::Tensor x);

 private:
  torch::nn::Conv2d conv1_{nullptr}, conv2_{nullptr};
  torch::nn::BatchNorm2d bn1_{nullptr}, bn2_{nullptr};
  torch::nn::Sequential downsample_{nullptr};
};
TORCH_MODULE(BasicBlock);

class ResNet34Impl : public NetworkImpl {
 public:
  ResNet34Impl(const model::ResNetSettings& settings, int n_classes);

 protected:
  torch::Tensor pooled(torch::Tensor x) override;
  torch::Tensor head(torch::Tensor embedding) override;

 private:
  torch::nn::Sequential stem_{nullptr}, stages_{nullptr};
  torch::nn::Dropout dropout_{nullptr};
  torch::nn::Linear classifier_{nullptr};
};
TORCH_MODULE(ResNet34);

class TinyCnnImpl : public NetworkImpl {
 public:
  TinyCnnImpl(const model::TinyCnnSettings& settings, int n_classes);

 protected:
  torch::Tensor pooled(torch::Tensor x) override;
  torch::Tensor head(torch::Tensor embedding) override;

 private:
  torch::nn::Conv2d conv1_{nullptr}, conv2_{nullptr};
  torch::nn::Linear classifier_{nullptr};
};
TORCH_MODULE(TinyCnn);

}  // namespace esc50::network
