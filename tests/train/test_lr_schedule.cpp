#include <gtest/gtest.h>

#include "common/error.h"
#include "train/lr_schedule.h"

namespace esc50::train {
namespace {

TEST(LrSchedule, WarmsUpThenAnneals) {
  LrSchedule cosine("cosine", 1.0, 10, 110);
  EXPECT_LT(cosine.at(0), 0.1 + 1e-12);
  EXPECT_NEAR(cosine.at(9), 10.0 / 11, 1e-12);  // linear: step s of the warm-up reaches (s + 1) / (w + 1)
  EXPECT_NEAR(cosine.at(10), 1.0, 1e-12);
  EXPECT_NEAR(cosine.at(60), 0.5, 1e-12);
  EXPECT_NEAR(cosine.at(110), 0.0, 1e-12);
  for (int s = 11; s < 110; ++s) EXPECT_LE(cosine.at(s), cosine.at(s - 1));

  LrSchedule one_cycle("onecycle", 1.0, 10, 110);
  EXPECT_GT(one_cycle.at(0), 1.0 / 25);
  EXPECT_NEAR(one_cycle.at(110), 1e-4, 1e-12);
  EXPECT_EQ(LrSchedule("constant", 0.5, 0, 10).at(7), 0.5);
  EXPECT_THROW(LrSchedule("step", 1, 0, 1), Error);
}

}  // namespace
}  // namespace esc50::train
