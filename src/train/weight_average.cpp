#include "train/weight_average.h"

#include <algorithm>

#include <torch/torch.h>

namespace esc50::train {
namespace {

// Applies `f(average_tensor, live_tensor)` to every parameter and buffer, matched by name.
template <class F>
void for_each_pair(network::NetworkImpl& average, network::NetworkImpl& live, F f) {
  torch::NoGradGuard no_grad;
  auto live_parameters = live.named_parameters();
  for (auto& p : average.named_parameters()) f(p.value(), live_parameters[p.key()]);
  auto live_buffers = live.named_buffers();
  for (auto& b : average.named_buffers()) f(b.value(), live_buffers[b.key()]);
}

}  // namespace

WeightAverage::WeightAverage(std::shared_ptr<network::NetworkImpl> average, network::NetworkImpl& live,
                             double decay)
    : average_(std::move(average)), decay_(decay) {
  for_each_pair(*average_, live, [](torch::Tensor& a, const torch::Tensor& l) { a.copy_(l); });
}

double WeightAverage::decay_at(int64_t step) const {
  return std::min(decay_, double(1 + step) / double(10 + step));
}

void WeightAverage::update(network::NetworkImpl& live, int64_t step) {
  const double d = decay_at(step);
  for_each_pair(*average_, live, [d](torch::Tensor& a, const torch::Tensor& l) {
    if (a.is_floating_point())
      a.mul_(d).add_(l, 1 - d);
    else
      a.copy_(l);
  });
}

}  // namespace esc50::train
