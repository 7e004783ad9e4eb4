#include <gtest/gtest.h>

#include "common/error.h"
#include "model/catalog.h"

namespace esc50::model {
namespace {

TEST(Catalog, EveryArchitectureHasALayerGraphEndingInItsClasses) {
  for (const auto& a : architectures()) {
    const auto spec = a.spec(nlohmann::json::object(), 50);
    EXPECT_FALSE(spec.layers.empty()) << a.name;
    EXPECT_EQ(spec.classifier.out, 50) << a.name;
    EXPECT_GT(spec.forward_flops(64, 100), 0) << a.name;
    EXPECT_EQ(spec.tensor_shapes().at("classifier.weight"), (std::vector<int64_t>{50, spec.embedding_size()}));
  }
}

TEST(Catalog, ResNet34HasTheReferenceParameterCount) {
  // torchvision's resnet34 (21,797,672) with a 1-channel 7x7 stem (-6,272) and 50 classes
  // instead of 1000 (-487,350).
  EXPECT_EQ(model_cost("resnet34", {}, 50, 128, 216).parameters, 21'304'050);
}

TEST(Catalog, ResNet34FlopsMatchTheImageNetFigureAt224) {
  // resnet34 at 224x224 RGB: 3.66 G multiply-accumulates in convolutions and the classifier
  // (fvcore/ptflops, 3.6 G in the ResNet paper); one input channel removes 2/3 of the
  // stem's 118 M, 50 classes remove 487 k.
  const auto flops = model_cost("resnet34", {}, 50, 224, 224).forward_flops;
  EXPECT_NEAR(double(flops) / 2, 3.66e9 - 2.0 / 3 * 118.0e6, 0.02e9);
}

TEST(Catalog, Esc50NetCostFollowsItsSettings) {
  const auto narrow = model_cost("esc50net", {{"width", 16}}, 50, 64, 216);
  const auto wide = model_cost("esc50net", {{"width", 32}}, 50, 64, 216);
  EXPECT_GT(wide.parameters, 3 * narrow.parameters);
  EXPECT_GT(wide.forward_flops, 3 * narrow.forward_flops);
  const auto deeper = find_architecture("esc50net").spec({{"convs_per_block", 2}}, 50);
  EXPECT_EQ(deeper.tensor_shapes().count("features.3.weight"), 1u);  // conv, bn, relu, conv
}

TEST(Catalog, UnknownNamesAndSettingsAreClearErrors) {
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
