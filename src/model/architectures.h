#pragma once
// The concrete networks of the registry (see registry.h for names, costs and settings).
#include <torch/nn/modules/batchnorm.h>
#include <torch/nn/modules/container/sequential.h>
#include <torch/nn/modules/conv.h>
#include <torch/nn/modules/dropout.h>
#include <torch/nn/modules/linear.h>
#include <torch/nn/pimpl.h>

#include "common/param_table.h"
#include "model/network.h"

namespace esc50::model {

// esc50net: the compact default. VGG-style blocks (3×3 conv, batch norm, ReLU; 2×2 average
// pooling between blocks), channels doubling from `width`, then frequency averaging and
// max+mean pooling over time, which keeps short events (dog bark, door knock) visible.
// Five blocks, not four: the fifth (512 channels on a 4 × 13 map) costs 8–15 % more time per
// step and scored 4.25 points more on official fold 1 (docs/results.md).
struct Esc50NetSettings {
  int width = 32;
  int blocks = 5;
  int convs_per_block = 1;
  double dropout = 0.3;
};
const ParamTable<Esc50NetSettings>& esc50net_params();

class Esc50NetImpl : public NetworkImpl {
 public:
  Esc50NetImpl(const Esc50NetSettings& settings, int n_classes);
  static int64_t flops(const Esc50NetSettings& settings, int n_classes, int n_mels, int frames);

 protected:
  torch::Tensor pooled(torch::Tensor x) override;
  torch::Tensor head(torch::Tensor embedding) override;

 private:
  static int channels_of_block(const Esc50NetSettings& settings, int block);
  Esc50NetSettings settings_;
  torch::nn::Sequential features_{nullptr};
  torch::nn::Dropout dropout_{nullptr};
  torch::nn::Linear classifier_{nullptr};
};
TORCH_MODULE(Esc50Net);

// resnet34: the reference project's network, for parity (7×7/2 conv 64, 3×3/2 max-pool,
// basic blocks [3, 4, 6, 3] with 64/128/256/512 channels, global average pool, dropout,
// linear), adapted to one input channel.
struct ResNetSettings {
  double dropout = 0.5;
};
const ParamTable<ResNetSettings>& resnet_params();

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
  ResNet34Impl(const ResNetSettings& settings, int n_classes);
  static int64_t flops(int n_classes, int n_mels, int frames);

 protected:
  torch::Tensor pooled(torch::Tensor x) override;
  torch::Tensor head(torch::Tensor embedding) override;

 private:
  torch::nn::Sequential stem_{nullptr}, stages_{nullptr};
  torch::nn::Dropout dropout_{nullptr};
  torch::nn::Linear classifier_{nullptr};
};
TORCH_MODULE(ResNet34);

// tinycnn: two convolutions without batch normalisation, for tests where every sample's
// gradient must be independent of the rest of its batch (data-parallel equality).
struct TinyCnnSettings {
  int width = 8;
};
const ParamTable<TinyCnnSettings>& tinycnn_params();

class TinyCnnImpl : public NetworkImpl {
 public:
  TinyCnnImpl(const TinyCnnSettings& settings, int n_classes);
  static int64_t flops(const TinyCnnSettings& settings, int n_classes, int n_mels, int frames);

 protected:
  torch::Tensor pooled(torch::Tensor x) override;
  torch::Tensor head(torch::Tensor embedding) override;

 private:
  torch::nn::Conv2d conv1_{nullptr}, conv2_{nullptr};
  torch::nn::Linear classifier_{nullptr};
};
TORCH_MODULE(TinyCnn);

}  // namespace esc50::model
