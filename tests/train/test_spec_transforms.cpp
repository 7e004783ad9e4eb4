#include <gtest/gtest.h>
#include <torch/torch.h>

#include "train/spec_transforms.h"

namespace esc50::train {
namespace {

torch::Tensor ramp_batch() {
  // Distinct values everywhere so masks and crops are visible: [4, 1, 16, 40].
  return torch::arange(4 * 16 * 40, torch::kFloat).view({4, 1, 16, 40}) / 100 - 40;
}

TEST(SpecTransforms, TimeCropTakesAContiguousWindowOfEachClip) {
  BatchRng rng(1);
  const auto batch = ramp_batch();
  const auto crop = random_time_crop(batch, 10, rng);
  ASSERT_EQ(crop.sizes(), (std::vector<int64_t>{4, 1, 16, 10}));
  for (int64_t i = 0; i < 4; ++i) {
    const int64_t start = int64_t(std::lround((crop[i][0][0][0].item<float>() - batch[i][0][0][0].item<float>()) * 100));
    EXPECT_TRUE(torch::equal(crop[i], batch[i].narrow(2, start, 10)));
  }
  EXPECT_TRUE(torch::equal(random_time_crop(batch, 0, rng), batch));
  EXPECT_TRUE(torch::equal(random_time_crop(batch, 40, rng), batch));
}

TEST(SpecTransforms, SpecAugmentFillsBandsAndFramesWithTheClipMean) {
  BatchRng rng(2);
  auto batch = ramp_batch();
  const auto original = batch.clone();
  spec_augment_(batch, {1, 4, 1, 8}, rng);
  int64_t changed_clips = 0;
  for (int64_t i = 0; i < 4; ++i) {
    const auto mean = original[i].mean();
    const auto differs = batch[i].ne(original[i]);
    // Every changed cell now holds the clip's mean level.
    EXPECT_TRUE(torch::allclose(batch[i].masked_select(differs), mean.expand({differs.sum().item<int64_t>()})));
    // At most one band of ≤ 4 rows and one range of ≤ 8 frames are masked.
    EXPECT_LE(differs.sum().item<int64_t>(), 4 * 40 + 8 * 16);
    changed_clips += differs.any().item<bool>();
  }
  EXPECT_GT(changed_clips, 0);
  BatchRng again(2);
  auto replay = original.clone();
  spec_augment_(replay, {1, 4, 1, 8}, again);
  EXPECT_TRUE(torch::equal(replay, batch));
}

TEST(SpecTransforms, FilterAugmentAddsOnePiecewiseLinearGainPerClipBoundedByItsSetting) {
  BatchRng rng(4);
  auto batch = ramp_batch();
  const auto original = batch.clone();
  filter_augment_(batch, {.max_db = 6, .max_bands = 4}, rng);
  const auto gain = batch - original;  // [4, 1, 16, 40]
  // A filter: each band's gain is the same in every frame.
  EXPECT_TRUE(torch::allclose(gain, gain.narrow(3, 0, 1).expand_as(gain), 0, 1e-4));
  EXPECT_LE(gain.abs().max().item<float>(), 6 + 1e-4);
  for (int64_t i = 0; i < 4; ++i) {
    const auto per_band = gain[i][0].select(1, 0);  // [16]
    // Linear between at most 3 inner edges: the slope changes at no more than 3 bands.
    const auto slope = per_band.narrow(0, 1, 15) - per_band.narrow(0, 0, 15);
    const auto kinks = (slope.narrow(0, 1, 14) - slope.narrow(0, 0, 14)).abs().gt(1e-3).sum().item<int64_t>();
    EXPECT_LE(kinks, 3);
    EXPECT_GT(per_band.abs().max().item<float>(), 0);
  }
  BatchRng again(4);
  auto replay = original.clone();
  filter_augment_(replay, {.max_db = 6, .max_bands = 4}, again);
  EXPECT_TRUE(torch::equal(replay, batch));
}

TEST(SpecTransforms, FilterAugmentOffChangesNothingAndDrawsNothing) {
  BatchRng rng(5), untouched(5);
  auto batch = ramp_batch();
  filter_augment_(batch, {.max_db = 0, .max_bands = 6}, rng);
  EXPECT_TRUE(torch::equal(batch, ramp_batch()));
  EXPECT_EQ(rng(), untouched());
}

TEST(SpecTransforms, MixupMixesInputsAndTargetsAlike) {
  BatchRng rng(3);
  auto batch = ramp_batch();
  const auto original = batch.clone();
  auto targets = smoothed_targets(torch::tensor({0, 1, 2, 3}), 4, 0.0);
  mixup_(batch, targets, {.alpha = 0.4}, rng);
  EXPECT_TRUE(torch::allclose(targets.sum(1), torch::ones({4})));
  // Clip i became lambda·x_i + (1-lambda)·x_j: the target weight of its own class tells
  // lambda, so the mixed input must be reproducible from two original clips.
  for (int64_t i = 0; i < 4; ++i) {
    bool explained = false;
    for (int64_t j = 0; j < 4; ++j)
      for (double lambda : {targets[i].max().item<double>(), 1 - targets[i].max().item<double>()})
        explained |= torch::allclose(batch[i], lambda * original[i] + (1 - lambda) * original[j], 1e-4, 1e-3);
    EXPECT_TRUE(explained) << "clip " << i;
  }
  auto untouched = original.clone();
  auto t = smoothed_targets(torch::tensor({0, 1, 2, 1}), 3, 0.0);
  mixup_(untouched, t, {.alpha = 0.0}, rng);
  EXPECT_TRUE(torch::equal(untouched, original));
}

TEST(SpecTransforms, MixingAsSoundsAddsTheMelPowersInTheAmplitudeRatio) {
  BatchRng rng(4);
  // Four clips in decibels below their own maximum (0 dB), floored at -80 dB.
  auto batch = (-torch::rand({4, 1, 16, 40}) * 90).clamp_min(-80);
  for (int64_t i = 0; i < 4; ++i) batch[i][0][i][i] = 0;
  const auto original = batch.clone();
  auto targets = smoothed_targets(torch::tensor({0, 1, 2, 3}), 4, 0.0);
  mixup_(batch, targets, {.alpha = 0.4, .as_sounds = true, .top_db = 80}, rng);
  EXPECT_TRUE(torch::allclose(targets.sum(1), torch::ones({4})));
  for (int64_t i = 0; i < 4; ++i) {
    const double lambda = targets[i][i].item<double>();
    const int64_t j = lambda < 1 ? (targets[i] - lambda * torch::one_hot(torch::tensor(i), 4)).argmax().item<int64_t>() : i;
    auto power = lambda * lambda * torch::pow(10.0, original[i] / 10) +
                 (1 - lambda) * (1 - lambda) * torch::pow(10.0, original[j] / 10);
    auto expected = 10 * torch::log10(power);
    expected = (expected - expected.max()).clamp_min(-80);
    EXPECT_TRUE(torch::allclose(batch[i], expected, 1e-4, 1e-3)) << "clip " << i;
    EXPECT_NEAR(batch[i].max().item<double>(), 0.0, 1e-5);
    EXPECT_GE(batch[i].min().item<double>(), -80.0);
  }
}

TEST(SpecTransforms, SmoothedTargetsAndSoftCrossEntropy) {
  const auto t = smoothed_targets(torch::tensor({2}), 4, 0.2);
  EXPECT_TRUE(torch::allclose(t, torch::tensor({{0.05f, 0.05f, 0.85f, 0.05f}})));
  const auto logits = torch::tensor({{1.0f, 2.0f, 3.0f, 0.5f}});
  const auto hard = smoothed_targets(torch::tensor({2}), 4, 0.0);
  EXPECT_NEAR(soft_cross_entropy(logits, hard).item<double>(),
              torch::nn::functional::cross_entropy(logits, torch::tensor({2})).item<double>(), 1e-6);
}

TEST(SpecTransforms, DerivedSeedsDifferPerStream) {
  EXPECT_NE(derive_seed(1, 2), derive_seed(1, 3));
  EXPECT_NE(derive_seed(1, 2, 0), derive_seed(1, 2, 1));
  EXPECT_EQ(derive_seed(9, 8, 7), derive_seed(9, 8, 7));
}

}  // namespace
}  // namespace esc50::train
