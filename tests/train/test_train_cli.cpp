#include <gtest/gtest.h>

#include "test_support.h"

namespace esc50::test {
namespace {

void expect_error(const std::string& args, const std::string& message) {
  const auto r = run_cli(args);
  EXPECT_EQ(r.status, 1) << args << "\n" << r.output;
  EXPECT_NE(r.output.find(message), std::string::npos) << args << "\n" << r.output;
}

TEST(TrainCli, BadRequestsFailWithAClearMessage) {
  ESC50_REQUIRE_DATASET();
  TempDir dir;
  const std::string data = " --data " + esc50_dir().string() + " --cache " + (dir / "cache").string();
  expect_error("train --model resnet99" + data, "unknown model 'resnet99' (known: esc50net, resnet34");
  expect_error("train --model-settings '{\"width\": 1000}'" + data, "width = 1000 is outside the valid range");
  expect_error("train --resume " + (dir / "no-run").string(), "no-run/config.json: not found");
  expect_error("cv --folds 2,7 --out " + (dir / "cv").string() + data, "fold 7 is not in 1..5");
  EXPECT_NE(run_cli("train --epochs 0" + data).status, 0);
  EXPECT_NE(run_cli("train --precision fp8" + data).status, 0);
}

}  // namespace
}  // namespace esc50::test
