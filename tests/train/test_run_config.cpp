#include <gtest/gtest.h>

#include "train/run_config.h"
#include "train/run_options.h"

namespace esc50::train {
namespace {

// Run directories written before a setting existed must keep meaning what they meant when
// they were written, whatever today's default is.
TEST(RunConfig, ARunFromBeforeMixupDomainsMixedLogMelValues) {
  RunConfig written;
  written.train.mixup_domain = "power";
  auto j = written.to_json();
  EXPECT_EQ(RunConfig::from_json(j, "config.json").train.mixup_domain, "power");
  j["train"].erase("mixup_domain");
  EXPECT_EQ(RunConfig::from_json(j, "config.json").train.mixup_domain, "db");
}

// An ensemble member {"seed": 1} is another network, as --seed 1 is, not the same network
// trained on other pre-rendered variants.
TEST(RunConfig, AMembersSeedIsTheRunsSeedAndAugmentSeedTheVariants) {
  RunConfig base;
  base.augment = {{"policy", "balanced"}, {"cache_variants", 6}};
  const auto seeded = with_settings(base, {{"seed", 3}}, "--member 1");
  EXPECT_EQ(seeded.seed, 3u);
  EXPECT_EQ(seeded.augment.at("seed"), with_settings(base, nlohmann::json::object(), "--member 2").augment.at("seed"));
  const auto varied = with_settings(base, {{"augment_seed", 5}}, "--member 3");
  EXPECT_EQ(varied.seed, 0u);
  EXPECT_EQ(varied.augment.at("seed"), 5);
  for (const auto& bad : {nlohmann::json{{"seed", -1}}, nlohmann::json{{"seed", "one"}}}) {
    try {
      with_settings(base, bad, "--member 4");
      ADD_FAILURE() << bad.dump() << " was accepted";
    } catch (const std::exception& e) {
      EXPECT_NE(std::string(e.what()).find("--member 4: seed"), std::string::npos) << e.what();
    }
  }
}

}  // namespace
}  // namespace esc50::train
