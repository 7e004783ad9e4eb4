#include <gtest/gtest.h>

#include <algorithm>

#include "common/atomic_file.h"
#include "common/error.h"
#include "eval/plot_png.h"
#include "eval/report.h"
#include "eval/run_evaluation.h"
#include "fake_run.h"
#include "test_support.h"

namespace esc50::eval {
namespace {

std::vector<runs::RunSet> two_fake_cvs(const test::TempDir& dir) {
  test::write_fake_cv(dir / "none", 2, {.policy = "none", .accuracy = 0.6});
  test::write_fake_cv(dir / "adaptive", 2, {.policy = "adaptive", .accuracy = 0.8});
  return {runs::read_run_set(dir / "none"), runs::read_run_set(dir / "adaptive")};
}

TEST(ReportData, DescribesEveryRun) {
  test::TempDir dir;
  const auto data = report_data(two_fake_cvs(dir), {});
  ASSERT_EQ(data["runs"].size(), 2u);
  const auto& none = data["runs"][0];
  EXPECT_EQ(none["name"], "none");
  EXPECT_EQ(none["augmentation"], "none");
  EXPECT_EQ(data["runs"][1]["augmentation"], "adaptive");
  EXPECT_TRUE(none["cross_validation"].get<bool>());
  EXPECT_EQ(none["folds"].size(), 2u);
  EXPECT_EQ(none["curves"].size(), 2u);
  EXPECT_EQ(none["curves"][0]["val_acc"].size(), 6u);
  EXPECT_NEAR(none["mean_accuracy"].get<double>(), 0.6, 1e-12);
  EXPECT_EQ(none["metrics"]["clips"], 200);  // 2 folds × 50 classes × 2 clips
  EXPECT_EQ(none["metrics"]["confusion"].size(), 50u);
  EXPECT_DOUBLE_EQ(none["seconds"].get<double>(), 120.0);  // sum of the folds' final.json
}

TEST(ReportData, ComparisonMarkdownHasOneRowPerRun) {
  test::TempDir dir;
  const auto table = comparison_markdown(report_data(two_fake_cvs(dir), {}));
  EXPECT_NE(table.find("| run | augmentation |"), std::string::npos) << table;
  EXPECT_NE(table.find("| none | none | "), std::string::npos) << table;
  EXPECT_NE(table.find("**60.00 ± 0.00 %** | 60.0 / 60.0 | 60.00 % |"), std::string::npos) << table;
  EXPECT_NE(table.find("| adaptive | adaptive | "), std::string::npos) << table;
  EXPECT_NE(table.find("**80.00 ± 0.00 %**"), std::string::npos) << table;
  EXPECT_EQ(std::count(table.begin(), table.end(), '\n'), 4 + 4);  // and the paired table
}

TEST(ReportData, PairedDifferenceAndClassGroupsAgainstTheFirstRun) {
  test::TempDir dir;
  ReportOptions options;
  options.class_groups = {{"farm", {"pig", "cow", "hen"}}};
  const auto data = report_data(two_fake_cvs(dir), options);
  ASSERT_EQ(data["paired_differences"].size(), 1u);
  const auto& d = data["paired_differences"][0];
  EXPECT_EQ(d["folds"], nlohmann::json({1, 2}));
  EXPECT_NEAR(d["mean"].get<double>(), 0.2, 1e-12);
  EXPECT_FALSE(d["inside_noise"].get<bool>());  // the same gain on both folds
  ASSERT_EQ(data["class_groups"].size(), 1u);
  EXPECT_EQ(data["class_groups"][0]["runs"][0]["support"], 12);  // 3 classes × 2 clips × 2 folds
  const auto table = comparison_markdown(data);
  EXPECT_NE(table.find("| adaptive − none | 2 | 1: +20.00 / 2: +20.00 | +20.00 ± 0.00 | +20.00 … +20.00 | better |"),
            std::string::npos) << table;
  EXPECT_NE(table.find("| farm | pig, cow, hen |"), std::string::npos) << table;
  EXPECT_TRUE(report_data({two_fake_cvs(dir)[0]}, {})["paired_differences"].is_null());
  test::write_fake_run(dir / "fold-3-only", 3, {});
  const auto disjoint = comparison_markdown(report_data({two_fake_cvs(dir)[0], runs::read_run_set(dir / "fold-3-only")}, {}));
  EXPECT_NE(disjoint.find("| fold-3-only − none | 0 | – | – | – | no folds in common |"), std::string::npos)
      << disjoint;
  options.class_groups = {{"pets", {"dog", "hamster"}}};
  EXPECT_THROW(report_data(two_fake_cvs(dir), options), Error);
}

TEST(ReportData, TrainingTimeFromTheSummaryWhenAFoldHasNoFinalJson) {
  test::TempDir dir;
  test::write_fake_cv(dir / "cv", 2, {});
  std::filesystem::remove(dir / "cv" / "fold-2" / "final.json");
  const auto data = report_data({runs::read_run_set(dir / "cv")}, {});
  EXPECT_DOUBLE_EQ(data["runs"][0]["seconds"].get<double>(), 121.0);
}

TEST(ReportData, PerClassDifferencesAgainstTheFirstRun) {
  test::TempDir dir;
  const auto runs = two_fake_cvs(dir);
  const auto data = report_data(runs, {});
  const auto& diffs = data["per_class_differences"];
  ASSERT_EQ(diffs.size(), 50u);
  const auto a = evaluate_run_set(runs[0]), b = evaluate_run_set(runs[1]);
  for (size_t c = 0; c < 50; ++c) {
    EXPECT_DOUBLE_EQ(diffs[c]["delta"][0].get<double>(), 0.0);
    EXPECT_DOUBLE_EQ(diffs[c]["delta"][1].get<double>(),
                     b->pooled.per_class[c].f1 - a->pooled.per_class[c].f1);
  }
  EXPECT_TRUE(report_data({runs[0]}, {})["per_class_differences"].is_null());
}

TEST(ReportData, RunWithoutPredictionsStillReported) {
  test::TempDir dir;
  test::write_fake_run(dir / "run", 1, {});
  std::filesystem::remove(dir / "run" / "predictions.json");
  const auto data = report_data({runs::read_run_set(dir / "run")}, {});
  EXPECT_TRUE(data["runs"][0]["metrics"].is_null());
  EXPECT_EQ(data["runs"][0]["curves"][0]["epoch"].size(), 6u);
}

TEST(ReportData, LinksExampleClipsThatExistInTheDataset) {
  test::TempDir dir;
  const auto runs = two_fake_cvs(dir);
  const auto data_without = report_data(runs, {});
  EXPECT_TRUE(data_without["clip_urls"].empty());
  // One of the most-confused examples on disk, as Ogg like ESC-50's copy; another missing.
  const auto& examples = data_without["runs"][0]["metrics"]["confused_pairs"][0]["examples"];
  ASSERT_GE(examples.size(), 2u);
  const std::string stem = examples[0].get<std::string>();
  std::filesystem::create_directories(dir / "esc50" / "audio");
  write_file_atomic(dir / "esc50" / "audio" / (stem + ".ogg"), "x");
  ReportOptions options;
  options.clip_files = {{stem, dir / "esc50" / "audio" / (stem + ".ogg")},
                        {examples[1].get<std::string>(), dir / "esc50" / "audio" / "gone.ogg"}};
  const auto urls = report_data(runs, options)["clip_urls"];
  ASSERT_EQ(urls.size(), 1u);
  const auto url = urls[stem].get<std::string>();
  EXPECT_TRUE(url.starts_with("file:///")) << url;
  EXPECT_TRUE(url.ends_with("/audio/" + stem + ".ogg")) << url;
}

TEST(ReportHtml, SelfContainedAndSafe) {
  test::TempDir dir;
  ReportOptions options;
  options.title = "A & B";
  auto data = report_data(two_fake_cvs(dir), options);
  data["runs"][0]["name"] = "</script><script>alert(1)</script>";
  const auto html = report_html(data);
  EXPECT_TRUE(html.starts_with("<!doctype html>"));
  EXPECT_NE(html.find("<title>A &amp; B</title>"), std::string::npos);
  EXPECT_EQ(html.find("{{"), std::string::npos);  // every placeholder filled
  EXPECT_NE(html.find("Chart.js v4"), std::string::npos);  // library inlined, no CDN
  EXPECT_EQ(html.find("src=\"http"), std::string::npos);
  EXPECT_EQ(html.find("</script><script>alert"), std::string::npos);
  EXPECT_NE(html.find("<\\/script><script>alert(1)<\\/script>"), std::string::npos);
}

TEST(Png, ConfusionImageHasOneCellPerClassPair) {
  const auto image = confusion_image({{3, 1}, {0, 4}}, 5);
  EXPECT_EQ(image.width, 10);
  EXPECT_EQ(image.height, 10);
  // The diagonal (share 1) is brighter than the empty off-diagonal cell (share 0).
  auto brightness = [&](int x, int y) {
    const auto* p = &image.pixels[size_t(y * image.width + x) * 3];
    return p[0] + p[1] + p[2];
  };
  EXPECT_GT(brightness(7, 7), brightness(2, 7));
}

TEST(Png, LineChartDrawsTheSeries) {
  const auto image = line_chart({{{1, 2, 3}, {0.0, 0.5, 1.0}, {255, 0, 0}, false}}, 200, 100);
  ASSERT_EQ(image.width, 200);
  size_t red = 0;
  for (size_t i = 0; i < image.pixels.size(); i += 3)
    red += image.pixels[i] == 255 && image.pixels[i + 1] == 0 && image.pixels[i + 2] == 0;
  EXPECT_GT(red, 100u);
}

TEST(Png, ExportsCurvesAndConfusionPerRun) {
  test::TempDir dir;
  const auto runs = two_fake_cvs(dir);
  const auto files = export_pngs(dir / "png", runs);
  ASSERT_EQ(files.size(), 4u);
  EXPECT_EQ(files[0].filename(), "none-curves.png");
  EXPECT_EQ(files[1].filename(), "none-confusion.png");
  for (const auto& f : files) EXPECT_TRUE(read_file(f).starts_with("\x89PNG")) << f;
}

}  // namespace
}  // namespace esc50::eval
