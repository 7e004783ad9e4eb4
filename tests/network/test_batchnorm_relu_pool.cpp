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

// The layers one after another (LibTorch's kernels), or fused, on a copy of `norm` (in double
// for a double input); the loss weighs the output by `upstream`, so every output value gets its
// own gradient. Results in double.
Result run(const torch::Tensor& input, const torch::nn::BatchNorm2d& original, bool pool, bool fused,
           const torch::Tensor& upstream) {
  auto norm = random_norm(original->options.num_features());
  {
    torch::NoGradGuard no_grad;
    for (auto [to, from] : {std::pair{norm->weight, original->weight}, {norm->bias, original->bias},
                            {norm->running_mean, original->running_mean}, {norm->running_var, original->running_var}})
      to.copy_(from);
  }
  if (input.scalar_type() == torch::kDouble) norm->to(torch::kDouble);
  auto x = input.detach().clone(torch::MemoryFormat::ChannelsLast).requires_grad_(true);
  torch::Tensor y;
  if (fused) {
    EXPECT_TRUE(batchnorm_relu_pool_applies(x, *norm, pool));
    y = batchnorm_relu_pool(x, *norm, pool);
  } else {
    y = torch::relu(norm->forward(x));
    if (pool) y = torch::avg_pool2d(y, 2);
  }
  (y.to(torch::kDouble) * upstream.to(torch::kDouble)).sum().backward();
  const auto wide = [](const torch::Tensor& t) { return t.detach().to(torch::kDouble); };
  return {wide(y), wide(x.grad()), wide(norm->weight.grad()), wide(norm->bias.grad()), wide(norm->running_mean),
          wide(norm->running_var), norm->num_batches_tracked.item<int64_t>()};
}

void expect_close(const torch::Tensor& a, const torch::Tensor& b, double tolerance, const char* what) {
  ASSERT_EQ(a.sizes(), b.sizes()) << what;
  const double scale = std::max(1.0, b.abs().max().item<double>());
  EXPECT_LE((a - b).abs().max().item<double>(), tolerance * scale) << what;
}

std::vector<int64_t> output_shape(const torch::Tensor& x, bool pool) {
  return pool ? std::vector<int64_t>{x.size(0), x.size(1), x.size(2) / 2, x.size(3) / 2} : x.sizes().vec();
}

// Odd sizes (the pooling drops the last row and column); 5 channels fill no vector, 37 fill
// AVX-512's twice and leave a remainder. A mean 1000 times the spread tests the statistics:
// there fp32 itself holds x − mean to about 1e-4, and E[x²] − E[x]² would lose 1e-2.
struct Input {
  torch::Tensor x;
  double tolerance;
};
std::vector<Input> inputs() {
  torch::manual_seed(1);
  return {{torch::randn({3, 5, 7, 9}) * 2 + 0.5, 1e-5},
          {torch::randn({2, 37, 6, 5}), 1e-5},
          {torch::randn({2, 37, 4, 4}) * 0.01 + 10, 1e-3}};
}

// Against LibTorch's layers in double.
TEST(BatchNormReluPool, MatchesTheLayersInFp32) {
  for (const auto& [x, tolerance] : inputs())
    for (bool pool : {true, false}) {
      SCOPED_TRACE(testing::Message() << x.sizes() << (pool ? " pooled" : ""));
      const auto norm = random_norm(x.size(1));
      const auto upstream = torch::randn(output_shape(x, pool));
      const auto expected = run(x.to(torch::kDouble), norm, pool, false, upstream);
      const auto fused = run(x, norm, pool, true, upstream);
      expect_close(fused.y, expected.y, tolerance, "output");
      expect_close(fused.dx, expected.dx, 10 * tolerance, "input gradient");
      expect_close(fused.dweight, expected.dweight, tolerance, "weight gradient");
      expect_close(fused.dbias, expected.dbias, tolerance, "bias gradient");
      expect_close(fused.running_mean, expected.running_mean, 1e-6, "running mean");
      expect_close(fused.running_var, expected.running_var, 1e-5, "running variance");
      EXPECT_EQ(fused.batches, expected.batches);
    }
}

// bf16 values convert to float exactly and every sum is computed in float, so the bf16 op's
// results are its fp32 results on the same values, rounded to nearest even once.
TEST(BatchNormReluPool, Bf16IsItsFp32ResultRounded) {
  for (const auto& [input, tolerance] : inputs())
    for (bool pool : {true, false}) {
      SCOPED_TRACE(testing::Message() << input.sizes() << (pool ? " pooled" : ""));
      const auto x = input.to(torch::kBFloat16);
      const auto norm = random_norm(x.size(1));
      const auto upstream = torch::randn(output_shape(x, pool)).to(torch::kBFloat16).to(torch::kFloat);
      const auto wide = run(x.to(torch::kFloat), norm, pool, true, upstream);
      const auto narrow = run(x, norm, pool, true, upstream);
      const auto rounded = [](const torch::Tensor& t) { return t.to(torch::kBFloat16).to(torch::kDouble); };
      EXPECT_TRUE(torch::equal(narrow.y, rounded(wide.y)));
      EXPECT_TRUE(torch::equal(narrow.dx, rounded(wide.dx)));
      EXPECT_TRUE(torch::equal(narrow.dweight, wide.dweight));
      EXPECT_TRUE(torch::equal(narrow.running_var, wide.running_var));
    }
}

TEST(BatchNormReluPool, TakesOnlyTrainingChannelsLastCpuTensors) {
  auto norm = random_norm(4);
  const auto nhwc = torch::randn({2, 4, 6, 6}).contiguous(torch::MemoryFormat::ChannelsLast);
  EXPECT_TRUE(batchnorm_relu_pool_applies(nhwc, *norm, true));
  EXPECT_TRUE(batchnorm_relu_pool_applies(nhwc.to(torch::kBFloat16), *norm, true));
  EXPECT_FALSE(batchnorm_relu_pool_applies(nhwc.contiguous(), *norm, true));
  EXPECT_FALSE(batchnorm_relu_pool_applies(nhwc.to(torch::kDouble), *norm, true));
  const auto one_row = torch::randn({2, 4, 1, 6}).contiguous(torch::MemoryFormat::ChannelsLast);
  EXPECT_TRUE(batchnorm_relu_pool_applies(one_row, *norm, false));
  EXPECT_FALSE(batchnorm_relu_pool_applies(one_row, *norm, true));  // the pooling layer's error, not an empty map
  norm->eval();
  EXPECT_FALSE(batchnorm_relu_pool_applies(nhwc, *norm, true));
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
  // Which path each takes: its first convolution's output layout.
  auto first_conv = [](const std::shared_ptr<NetworkImpl>& net) {
    return net->named_parameters()["features.0.weight"];
  };
  auto probe = random_norm(8);
  EXPECT_TRUE(batchnorm_relu_pool_applies(torch::conv2d(input, first_conv(fused), {}, 1, 1), *probe, false));
  EXPECT_FALSE(batchnorm_relu_pool_applies(torch::conv2d(input, first_conv(layered), {}, 1, 1), *probe, false));
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
