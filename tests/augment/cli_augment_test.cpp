// End-to-end: `esc50 augment` writes the augmented clip and reports what it applied.
#include <gtest/gtest.h>

#include "audio/audio.h"
#include "common/atomic_file.h"
#include "signals.h"
#include "test_support.h"

namespace esc50::augment {
namespace {

using esc50::test::run_cli;
using esc50::test::TempDir;

std::string write_burst(const TempDir& tmp) {
  const auto path = (tmp / "burst.wav").string();
  audio::write_wav(path, {test::burst_at(0.5, 2.0), test::kRate});
  return path;
}

bool has(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(AugmentCli, SingleTransformsApplyInOrderAndReport) {
  TempDir tmp;
  const auto in = write_burst(tmp);
  const auto out = (tmp / "out.wav").string();
  const auto r = run_cli("augment " + in + " --gain -6 --shift 0.25 --out " + out + " --png " +
                         (tmp / "out.png").string());
  ASSERT_EQ(r.status, 0) << r.output;
  EXPECT_LT(r.output.find("applied: shift(seconds=0.25)"), r.output.find("applied: gain(gain_db=-6)"))
      << r.output;
  const auto clean = audio::decode_mono(in);
  const auto augmented = audio::decode_mono(out);
  ASSERT_EQ(augmented.samples.size(), clean.samples.size());
  EXPECT_NEAR(test::rms_db(augmented.samples) - test::rms_db(clean.samples), -6.0, 0.1);
  EXPECT_NEAR(test::onset_seconds(augmented.samples), 0.75, 0.002);
  EXPECT_TRUE(std::filesystem::file_size(tmp / "out.png") > 0);
}

TEST(AugmentCli, ShortEventThroughABandLimit) {
  TempDir tmp;
  const auto in = write_burst(tmp);  // a 1 kHz burst from 0.5 s
  const auto out = (tmp / "out.wav").string();
  const auto r = run_cli("augment " + in + " --band-high 3400 --event 0.3 --event-position 1 --band-low 300 --out " + out);
  ASSERT_EQ(r.status, 0) << r.output;
  const auto event = r.output.find("applied: event(seconds=0.3, position=1)");
  const auto band = r.output.find("applied: band_limit(low_hz=300, high_hz=3400)");
  ASSERT_NE(event, std::string::npos) << r.output;
  ASSERT_NE(band, std::string::npos) << r.output;
  EXPECT_LT(event, band) << r.output;
  const auto augmented = audio::decode_mono(out).samples;
  EXPECT_NEAR(test::onset_seconds(augmented), 2.0 - 0.3, 0.01);  // the burst's start, moved to the end
  EXPECT_NEAR(test::rms_db(augmented) - test::rms_db(audio::decode_mono(in).samples), 10 * std::log10(1 - std::exp(-2.0)), 0.3);
  const auto crossed = run_cli("augment " + in + " --band-low 3000 --band-high 300 --out " + out);
  EXPECT_EQ(crossed.status, 1);
  EXPECT_NE(crossed.output.find("--band-low must be below --band-high"), std::string::npos) << crossed.output;
}

TEST(AugmentCli, PolicyWithClassIndexIsReproducible) {
  TempDir tmp;
  const auto in = write_burst(tmp);
  const auto run = [&](const std::string& name, int seed) {
    const auto r = run_cli("augment " + in + " --policy acoustic --class 41 --seed " +
                           std::to_string(seed) + " --out " + (tmp / name).string());
    EXPECT_EQ(r.status, 0) << r.output;
    EXPECT_TRUE(has(r.output, "applied: ")) << r.output;
    return read_file(tmp / name);
  };
  EXPECT_EQ(run("a.wav", 7), run("b.wav", 7));
  EXPECT_NE(run("a.wav", 7), run("c.wav", 8));
}

TEST(AugmentCli, RejectsConflictingOrIncompleteRequests) {
  TempDir tmp;
  const auto in = write_burst(tmp);
  const auto out = " --out " + (tmp / "x.wav").string();
  auto r = run_cli("augment " + in + " --policy acoustic --class 3 --gain 2" + out);
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r.output, "either --policy or single transforms")) << r.output;
  r = run_cli("augment " + in + " --policy adaptive" + out);
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r.output, "needs --class")) << r.output;
  r = run_cli("augment " + in + " --policy acoustic --class 50" + out);
  EXPECT_EQ(r.status, 1);
  r = run_cli("augment " + (tmp / "missing.wav").string() + " --gain 1" + out);
  EXPECT_EQ(r.status, 1);
  EXPECT_TRUE(has(r.output, "missing.wav")) << r.output;
  r = run_cli("augment " + in + " --policy loud --class 1" + out);
  EXPECT_NE(r.status, 0);
}

TEST(AugmentCli, ClassNamesComeFromTheDataset) {
  ESC50_REQUIRE_DATASET();
  TempDir tmp;
  const auto r = run_cli("augment " + write_burst(tmp) + " --policy acoustic --class dog --data " +
                         esc50::test::esc50_dir().string() + " --out " + (tmp / "d.wav").string());
  EXPECT_EQ(r.status, 0) << r.output;
  EXPECT_TRUE(has(r.output, "class 0")) << r.output;
}

}  // namespace
}  // namespace esc50::augment
