#include <gtest/gtest.h>
#include <torch/torch.h>

#include "network/batchnorm_relu_pool.h"
#include "network/network_file.h"

namespace esc50::network {
namespace {

struct Result {
  torch::Tensor y, dx, dweight, dbias, running_mean, running_var;
  int64_t batches;
};

torch::nn::BatchNorm2d random_norm(int64_t channels) {
  torch::nn::BatchNorm2d norm(channels);
  torch::NoGradGuard no_grad;
  norm->weight.uniform_(0.5, 1.5);
  norm->bias.uniform_(-0.5, 0.5);
  norm->running_mean.uniform_(-1, 1);
  norm->running_var.uniform_(0.5, 2);
  return norm;
}

// The layers one after another (LibTorch's kernels), or fused, on a copy of `norm`; the loss
// weighs the output by `upstream`, so every output value gets its own gradient.
Result run(const torch::Tensor& input, const torch::nn::BatchNorm2d& original, bool pool, bool fused,
           const torch::Tensor& upstream) {
  auto norm = random_norm(original->options.num_features());
  {
    torch::NoGradGuard no_grad;
    for (auto [to, from] : {std::pair{norm->weight, original->weight}, {norm->bias, original->bias},
                            {norm->running_mean, original->running_mean}, {norm->running_var, original->running_var}})
      to.copy_(from);
  }
  auto x = input.detach().clone(torch::MemoryFormat::ChannelsLast).requires_grad_(true);
  torch::Tensor y;
  if (fused) {
    EXPECT_TRUE(batchnorm_relu_pool_applies(x, *norm));
    y = batchnorm_relu_pool(x, *norm, pool);
  } else {
    y = torch::relu(norm->forward(x));
    if (pool) y = torch::avg_pool2d(y, 2);
  }
  (y.to(torch::kFloat) * upstream).sum().backward();
  return {y.detach().to(torch::kFloat), x.grad().to(torch::kFloat), norm->weight.grad(), norm->bias.grad(),
          norm->running_mean.clone(), norm->running_var.clone(), norm->num_batches_tracked.item<int64_t>()};
}

void expect_close(const torch::Tensor& a, const torch::Tensor& b, double tolerance, const char* what) {
  ASSERT_EQ(a.sizes(), b.sizes()) << what;
  const double scale = std::max(1.0, b.abs().max().item<double>());
  EXPECT_LE((a - b).abs().max().item<double>(), tolerance * scale) << what;
}

void expect_same_as_layers(torch::ScalarType dtype, bool pool, double tolerance) {
  torch::manual_seed(1);
  // Odd sizes: the pooling drops the last row and column; 5 channels fill no vector.
  const auto x = (torch::randn({3, 5, 7, 9}) * 2 + 0.5).to(dtype);
  const auto norm = random_norm(5);
  const auto out_shape = pool ? std::vector<int64_t>{3, 5, 3, 4} : std::vector<int64_t>{3, 5, 7, 9};
  const auto upstream = torch::randn(out_shape);
  // LibTorch's layers in fp32 are the reference for both precisions.
  const auto expected = run(x.to(torch::kFloat), norm, pool, false, upstream);
  const auto fused = run(x, norm, pool, true, upstream);
  expect_close(fused.y, expected.y, tolerance, "output");
  expect_close(fused.dx, expected.dx, tolerance, "input gradient");
  expect_close(fused.dweight, expected.dweight, tolerance, "weight gradient");
  expect_close(fused.dbias, expected.dbias, tolerance, "bias gradient");
  expect_close(fused.running_mean, expected.running_mean, 1e-5, "running mean");
  expect_close(fused.running_var, expected.running_var, 1e-5, "running variance");
  EXPECT_EQ(fused.batches, expected.batches);
}

TEST(BatchNormReluPool, MatchesTheLayersInFp32) {
  expect_same_as_layers(torch::kFloat, true, 1e-5);
  expect_same_as_layers(torch::kFloat, false, 1e-5);
}

// bf16 rounds each stored value to 8 significant bits (0.4 %); the statistics are exact.
TEST(BatchNormReluPool, MatchesTheLayersInBf16ToItsRounding) {
  expect_same_as_layers(torch::kBFloat16, true, 2e-2);
  expect_same_as_layers(torch::kBFloat16, false, 2e-2);
}

TEST(BatchNormReluPool, TakesOnlyTrainingChannelsLastCpuTensors) {
  auto norm = random_norm(4);
  const auto nhwc = torch::randn({2, 4, 6, 6}).contiguous(torch::MemoryFormat::ChannelsLast);
  EXPECT_TRUE(batchnorm_relu_pool_applies(nhwc, *norm));
  EXPECT_TRUE(batchnorm_relu_pool_applies(nhwc.to(torch::kBFloat16), *norm));
  EXPECT_FALSE(batchnorm_relu_pool_applies(nhwc.contiguous(), *norm));
  EXPECT_FALSE(batchnorm_relu_pool_applies(nhwc.to(torch::kDouble), *norm));
  norm->eval();
  EXPECT_FALSE(batchnorm_relu_pool_applies(nhwc, *norm));
}

// esc50net's convolutions hand channels-last tensors to their norms, so training takes the
// fused path. With NCHW weights (PyTorch's default layout) they do not: both give the same
// logits, gradients and running statistics.
TEST(BatchNormReluPool, Esc50NetTrainsThroughIt) {
  const nlohmann::json settings = {{"width", 8}, {"blocks", 3}, {"convs_per_block", 2}};
  torch::manual_seed(2);
  auto fused = make_network("esc50net", settings, 5);
  torch::manual_seed(2);
  auto layered = make_network("esc50net", settings, 5);
  {
    torch::NoGradGuard no_grad;
    for (auto& p : layered->parameters()) p.set_data(torch::empty_like(p, torch::MemoryFormat::Contiguous).copy_(p));
  }
  const auto input = torch::randn({4, 1, 16, 20}) * 20 - 40;
  std::vector<torch::Tensor> logits;
  for (const auto& net : {fused, layered}) {
    net->train();
    torch::manual_seed(3);  // the same dropout
    logits.push_back(net->forward(input));
    logits.back().logsumexp(1).sum().backward();
  }
  expect_close(logits[0], logits[1], 1e-4, "logits");
  const auto a = fused->named_parameters(), b = layered->named_parameters();
  for (const auto& p : a) expect_close(p.value().grad(), b[p.key()].grad(), 1e-4, p.key().c_str());
  const auto sa = fused->named_buffers(), sb = layered->named_buffers();
  for (const auto& p : sa) expect_close(p.value().to(torch::kFloat), sb[p.key()].to(torch::kFloat), 1e-4, p.key().c_str());
}

}  // namespace
}  // namespace esc50::network
