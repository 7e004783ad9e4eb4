#include "common/param_table_cli.h"

#include "test_support.h"

namespace esc50 {
namespace {

struct Demo {
  int epochs = 10;
  double rate = 0.5;
  bool fast = false;
  std::string mode = "a";
};

const ParamTable<Demo>& demo_params() {
  static const ParamTable<Demo> table("Demo settings",
                                      {{"epochs", "passes", &Demo::epochs, 1, 100},
                                       {"rate", "a rate", &Demo::rate, 0, 1},
                                       {"fast", "go fast", &Demo::fast},
                                       {"mode", "a mode", &Demo::mode, 0, 0, {"a", "b"}}});
  return table;
}

TEST(ParamTable, JsonRoundTrip) {
  Demo d{42, 0.25, true, "b"};
  auto back = demo_params().from_json(demo_params().to_json(d));
  EXPECT_EQ(back.epochs, 42);
  EXPECT_EQ(back.rate, 0.25);
  EXPECT_TRUE(back.fast);
  EXPECT_EQ(back.mode, "b");
}

TEST(ParamTable, RejectsOutOfRangeUnknownAndMistypedSettingsByName) {
  auto expect_error = [](const nlohmann::json& j, const std::string& word) {
    try {
      demo_params().from_json(j);
      ADD_FAILURE() << j.dump() << " accepted";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find(word), std::string::npos) << e.what();
    }
  };
  expect_error({{"epochs", 0}}, "epochs");
  expect_error({{"mode", "c"}}, "mode");
  expect_error({{"epoch", 5}}, "unknown setting 'epoch'");
  expect_error({{"rate", "high"}}, "wrong type");
  expect_error({{"epochs", "5"}}, "wrong type");
  expect_error({{"epochs", 2.5}}, "whole number");
  expect_error({{"epochs", 6e78}}, "outside the valid range");  // found by fuzz_settings
  expect_error({{"epochs", -1e300}}, "outside the valid range");
}

TEST(ParamTable, CliOptionsUseTheTableRangesAndDefaults) {
  Demo d;
  CLI::App app;
  add_param_options(app, demo_params(), d);
  EXPECT_NO_THROW(app.parse("--mode b --rate 0.75 --epochs 5 --fast", false));
  EXPECT_EQ(d.epochs, 5);
  EXPECT_EQ(d.mode, "b");
  EXPECT_TRUE(d.fast);
  Demo e;
  CLI::App strict;
  add_param_options(strict, demo_params(), e);
  EXPECT_THROW(strict.parse("--epochs 1000", false), CLI::ValidationError);
  EXPECT_NE(strict.help().find("passes"), std::string::npos);
}

TEST(ParamTable, MarkdownListsEverySettingWithDefaultAndRange) {
  auto md = demo_params().markdown();
  EXPECT_NE(md.find("| `epochs` | passes | 10 | 1 … 100 |"), std::string::npos) << md;
  EXPECT_NE(md.find("a, b"), std::string::npos);
}

}  // namespace
}  // namespace esc50
