#pragma once
// Batch norm in training mode, ReLU and optionally 2×2 average pooling, as one autograd
// operation on channels-last CPU tensors (fp32, or bf16 under autocast).
//
// Why: in a bf16 training step of esc50net these three layers and their backwards took more
// time than the convolutions (LibTorch 1.13: ReLU's backward alone 18 % of the step, zeroing
// the pooling's input gradient 10 %), because each streams the full-resolution activations
// through memory again. Here the forward reads the convolution's output twice (statistics,
// then output) and writes only the pooled result; the backward recomputes the ReLU mask from
// the saved input instead of storing it, and reads the input twice. Results match the layers
// applied one after another to rounding (tests/network/test_batchnorm_relu_pool.cpp).
#include <torch/nn/modules/batchnorm.h>
#include <torch/types.h>

namespace esc50::network {

// Whether batchnorm_relu_pool can take `x` with `norm` and `pool`: a training module with
// affine parameters and running statistics, and a 4-d channels-last fp32 or bf16 CPU tensor
// (at least 2 × 2 to be pooled). Otherwise the layers run one after another.
bool batchnorm_relu_pool_applies(const torch::Tensor& x, const torch::nn::BatchNorm2dImpl& norm, bool pool);

// relu(norm(x)), then avg_pool2d(·, 2) when `pool` (odd sizes drop their last row or column,
// as the pooling layer does). Updates norm's running statistics and batch count as its
// forward would.
torch::Tensor batchnorm_relu_pool(const torch::Tensor& x, torch::nn::BatchNorm2dImpl& norm, bool pool);

}  // namespace esc50::network
