#include <gtest/gtest.h>
#include <torch/torch.h>

#include "common/error.h"
#include "model/registry.h"

namespace esc50::model {
namespace {

TEST(Registry, EveryArchitectureMapsLogMelToClassLogits) {
  for (const auto& a : architectures()) {
    auto net = a.make(nlohmann::json::object(), 50);
    net->eval();
    auto out = net->forward(torch::randn({2, 1, 64, 100}) * 20 - 40);
    EXPECT_EQ(out.sizes(), (std::vector<int64_t>{2, 50})) << a.name;
    EXPECT_GT(a.forward_flops(nlohmann::json::object(), 50, 64, 100), 0) << a.name;
  }
}

TEST(Registry, ResNet34HasTheReferenceParameterCount) {
  // torchvision's resnet34 (21,797,672) with a 1-channel 7x7 stem (-6,272) and 50 classes
  // instead of 1000 (-487,350).
  EXPECT_EQ(model_cost("resnet34", {}, 50, 128, 216).parameters, 21'304'050);
}

TEST(Registry, ResNet34FlopsMatchTheImageNetFigureAt224) {
  // resnet34 at 224x224 RGB: 3.66 G multiply-accumulates in convolutions and the classifier
  // (fvcore/ptflops, 3.6 G in the ResNet paper); one input channel removes 2/3 of the
  // stem's 118 M, 50 classes remove 487 k.
  const auto flops = model_cost("resnet34", {}, 50, 224, 224).forward_flops;
  EXPECT_NEAR(double(flops) / 2, 3.66e9 - 2.0 / 3 * 118.0e6, 0.02e9);
}

TEST(Registry, Esc50NetCostFollowsItsSettings) {
  const auto narrow = model_cost("esc50net", {{"width", 16}}, 50, 64, 216);
  const auto wide = model_cost("esc50net", {{"width", 32}}, 50, 64, 216);
  EXPECT_GT(wide.parameters, 3 * narrow.parameters);
  EXPECT_GT(wide.forward_flops, 3 * narrow.forward_flops);
}

TEST(Registry, UnknownNamesAndSettingsAreClearErrors) {
  try {
    find_architecture("resnet999");
    FAIL();
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("known: esc50net, resnet34"), std::string::npos) << e.what();
  }
  EXPECT_THROW(find_architecture("esc50net").complete_settings({{"widht", 3}}), Error);
  EXPECT_THROW(find_architecture("esc50net").complete_settings({{"blocks", 99}}), Error);
}

}  // namespace
}  // namespace esc50::model
