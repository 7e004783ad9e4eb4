// Pre-rendered variants: rendering, reuse, tags and the per-epoch choice of entry.
#include <gtest/gtest.h>

#include <map>

#include "augment/augment_cache.h"
#include "common/atomic_file.h"
#include "data/fake_dataset.h"
#include "train/train_settings.h"
#include "test_support.h"

namespace esc50::augment {
namespace {

AugmentSettings settings_for(const std::string& policy, int variants, int levels = 3) {
  AugmentSettings s;
  s.policy = policy;
  s.cache_variants = variants;
  s.strength_levels = levels;
  return s;
}

data::Dataset two_clip_dataset(const std::filesystem::path& root) {
  esc50::test::make_fake_dataset(root, {{"1-1-A-0.wav", 1, 0, "dog", ".wav"},
                                        {"2-2-A-41.wav", 2, 41, "chainsaw", ".wav"}});
  return data::load_esc50(root);
}

TEST(AugmentCache, RendersKVariantsPerClipReproduciblyAndReusesThem) {
  esc50::test::TempDir tmp;
  const auto dataset = two_clip_dataset(tmp / "esc50");
  features::FeatureSettings fs;
  fs.n_mels = 32;
  const features::LogMelExtractor extractor(fs);
  const data::FeatureCache cache(tmp / "cache", fs);
  const auto settings = settings_for("acoustic", 3);
  const auto policy = make_policy(settings, esc50::data::esc50_class_names());
  data::build_feature_cache(dataset, cache, 1, false);

  const auto first = build_augment_cache(dataset, cache, extractor, *policy, settings, 2, false);
  EXPECT_EQ(first.rendered, 6u);
  EXPECT_EQ(first.reused, 0u);
  const std::string tag = cache_tag(settings);
  const auto clean = cache.load("1-1-A-0");
  ASSERT_TRUE(clean);
  const auto variant = cache.load("1-1-A-0", tag, 2);
  ASSERT_TRUE(variant);
  EXPECT_EQ(variant->n_mels, clean->n_mels);
  EXPECT_EQ(variant->n_frames, clean->n_frames);
  EXPECT_NE(variant->values, clean->values);

  std::filesystem::remove(cache.entry_path("1-1-A-0", tag, 2));
  const auto second = build_augment_cache(dataset, cache, extractor, *policy, settings, 1, false);
  EXPECT_EQ(second.rendered, 1u);
  EXPECT_EQ(second.reused, 5u);
  EXPECT_EQ(cache.load("1-1-A-0", tag, 2)->values, variant->values);  // same seed, same bits
}

TEST(AugmentCache, TagFollowsRenderingSettingsOnly) {
  const auto base = settings_for("acoustic", 4);
  const auto tag = cache_tag(base);
  EXPECT_TRUE(tag.starts_with("acoustic-"));
  auto changed = base;
  changed.stretch_max = 1.2;
  EXPECT_NE(cache_tag(changed), tag);
  changed = base;
  changed.seed = 1;
  EXPECT_NE(cache_tag(changed), tag);
  changed = base;
  changed.probability = 0.8;
  changed.adaptive_rate = 2;
  changed.cache_variants = 8;
  EXPECT_EQ(cache_tag(changed), tag);
}

TEST(AugmentCache, VariantStrengthLevels) {
  EXPECT_DOUBLE_EQ(variant_strength(1, 1), 1.0);
  EXPECT_DOUBLE_EQ(variant_strength(1, 3), 1.0 / 3);
  EXPECT_DOUBLE_EQ(variant_strength(3, 3), 1.0);
  EXPECT_DOUBLE_EQ(variant_strength(5, 3), 2.0 / 3);
  const auto acoustic = make_policy(settings_for("acoustic", 6), esc50::data::esc50_class_names());
  const auto adaptive = make_policy(settings_for("adaptive", 6), esc50::data::esc50_class_names());
  EXPECT_EQ(strength_levels(*acoustic, settings_for("acoustic", 6)), 1);
  EXPECT_EQ(strength_levels(*adaptive, settings_for("adaptive", 6)), 3);
  EXPECT_EQ(strength_levels(*adaptive, settings_for("adaptive", 2)), 2);
}

std::map<int, int> histogram(const Policy& policy, int target, const AugmentSettings& s) {
  std::map<int, int> counts;
  for (uint64_t i = 0; i < 4000; ++i) ++counts[choose_variant(policy, target, s, mix_seed(1, 2, i))];
  return counts;
}

TEST(ChooseVariant, CleanWithOneMinusProbabilityElseAnyVariant) {
  const auto s = settings_for("balanced", 4);
  const auto counts = histogram(*make_policy(s, esc50::data::esc50_class_names()), 5, s);
  EXPECT_NEAR(counts.at(0) / 4000.0, 1.0 - s.probability, 0.03);
  for (int v = 1; v <= 4; ++v) EXPECT_NEAR(counts.at(v) / 4000.0, s.probability / 4, 0.03) << v;
  EXPECT_EQ(histogram(*make_policy(settings_for("none", 0), esc50::data::esc50_class_names()), 5, settings_for("none", 0)).size(), 1u);
}

TEST(ChooseVariant, AdaptiveMatchesTheClassStrengthOnAverage) {
  const auto s = settings_for("adaptive", 6, 3);
  auto policy = make_policy(s, esc50::data::esc50_class_names());
  auto state = policy->state();
  std::vector<double> strength(esc50::data::esc50_class_names().size(), 0.5);
  strength[1] = 1.0;
  strength[2] = 1.0 / 3;
  state["strength"] = strength;
  policy->load_state(state);
  const auto mean_strength = [&](int target) {
    double sum = 0;
    int n = 0;
    for (const auto& [v, count] : histogram(*policy, target, s))
      if (v > 0) sum += variant_strength(v, 3) * count, n += count;
    return sum / n;
  };
  EXPECT_DOUBLE_EQ(mean_strength(1), 1.0);
  EXPECT_DOUBLE_EQ(mean_strength(2), 1.0 / 3);
  EXPECT_NEAR(mean_strength(0), 0.5, 0.02);
}

TEST(FeaturesCli, AugmentCacheRendersVariantsIntoTheCache) {
  esc50::test::TempDir tmp;
  two_clip_dataset(tmp / "esc50");
  const auto r = esc50::test::run_cli("features --data " + (tmp / "esc50").string() + " --cache " +
                                      (tmp / "cache").string() +
                                      " --augment balanced --augment-cache 2 --quiet");
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_NE(r.output.find("4 rendered"), std::string::npos) << r.output;
  const data::FeatureCache cache(tmp / "cache", train::default_training_features());  // what `features` renders
  EXPECT_TRUE(cache.load("2-2-A-41", cache_tag(settings_for("balanced", 2)), 2));

  const auto bad = esc50::test::run_cli("features --data " + (tmp / "esc50").string() +
                                        " --cache " + (tmp / "cache").string() + " --augment-cache 2");
  EXPECT_EQ(bad.status, 1) << bad.output;
}

TEST(FeaturesCli, ASettingsFileReplacesOnlyWhatItNames) {
  esc50::test::TempDir tmp;
  two_clip_dataset(tmp / "esc50");
  write_file_atomic(tmp / "gain-only.json", R"({"balanced_transforms": "gain", "policy": "acoustic"})");
  const auto r = esc50::test::run_cli("features --data " + (tmp / "esc50").string() + " --cache " +
                                      (tmp / "cache").string() + " --augment balanced --augment-cache 1 --quiet" +
                                      " --augment-settings " + (tmp / "gain-only.json").string());
  ASSERT_EQ(r.status, 0) << r.output;
  auto expected = settings_for("balanced", 1);
  expected.balanced_transforms = "gain";  // --augment replaced the file's policy; the rest are defaults
  const data::FeatureCache cache(tmp / "cache", train::default_training_features());  // what `features` renders
  EXPECT_TRUE(cache.load("2-2-A-41", cache_tag(expected), 1)) << r.output;

  write_file_atomic(tmp / "bad.json", R"({"balanced_transforms": "gain,louder"})");
  const auto bad = esc50::test::run_cli("features --data " + (tmp / "esc50").string() + " --cache " +
                                        (tmp / "cache").string() + " --augment balanced --augment-cache 1" +
                                        " --augment-settings " + (tmp / "bad.json").string());
  EXPECT_EQ(bad.status, 1) << bad.output;
  EXPECT_NE(bad.output.find("bad.json"), std::string::npos) << bad.output;
  EXPECT_NE(bad.output.find("unknown transform 'louder'"), std::string::npos) << bad.output;
}

}  // namespace
}  // namespace esc50::augment
