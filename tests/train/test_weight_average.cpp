#include <gtest/gtest.h>
#include <torch/torch.h>

#include "network/network_file.h"
#include "train/weight_average.h"

namespace esc50::train {
namespace {

std::shared_ptr<network::NetworkImpl> tiny() { return network::make_network("tinycnn", nlohmann::json::object(), 3); }

void fill(network::NetworkImpl& n, float value) {
  torch::NoGradGuard no_grad;
  for (auto& p : n.parameters()) p.fill_(value);
}

TEST(WeightAverage, StartsAsACopyAndMovesByOneMinusTheDecay) {
  auto live = tiny();
  fill(*live, 1.0f);
  WeightAverage average(tiny(), *live, 0.5);
  for (const auto& p : average.network().parameters()) EXPECT_TRUE(torch::all(p == 1.0f).item<bool>());
  fill(*live, 3.0f);
  average.update(*live, 1000);  // past the ramp: decay 0.5
  for (const auto& p : average.network().parameters()) EXPECT_TRUE(torch::allclose(p, torch::full_like(p, 2.0f)));
  average.update(*live, 1001);
  for (const auto& p : average.network().parameters()) EXPECT_TRUE(torch::allclose(p, torch::full_like(p, 2.5f)));
  // The average is a network of its own: training the live one leaves it alone.
  fill(*live, -7.0f);
  for (const auto& p : average.network().parameters()) EXPECT_TRUE(torch::allclose(p, torch::full_like(p, 2.5f)));
}

TEST(WeightAverage, DecayRampsUpFromTheFirstStep) {
  auto live = tiny();
  WeightAverage average(tiny(), *live, 0.999);
  EXPECT_DOUBLE_EQ(average.decay_at(0), 0.1);
  EXPECT_DOUBLE_EQ(average.decay_at(90), 0.91);
  EXPECT_DOUBLE_EQ(average.decay_at(1000000), 0.999);
}

}  // namespace
}  // namespace esc50::train
