#include <gtest/gtest.h>

#include "train/run_config.h"

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

}  // namespace
}  // namespace esc50::train
