#include "data/feature_cache.h"

#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>

#include "data/fake_dataset.h"
#include "test_support.h"

namespace esc50::data {
namespace {

features::FeatureSettings small_settings() {
  features::FeatureSettings s;
  s.clip_seconds = 1.0;
  s.n_mels = 32;
  return s;
}

Dataset fake(const test::TempDir& tmp) {
  test::make_fake_dataset(tmp / "ds", {{"1-100-A-0.wav", 1, 0, "dog", ".wav"},
                                       {"2-200-A-1.wav", 2, 1, "rooster", ".wav"},
                                       {"3-300-A-2.wav", 3, 2, "pig", ".wav"}});
  return load_esc50(tmp / "ds");
}

TEST(FeatureCache, SecondBuildReusesEveryEntry) {
  test::TempDir tmp;
  auto ds = fake(tmp);
  FeatureCache cache(tmp / "cache", small_settings());
  auto first = build_feature_cache(ds, cache, 2, false);
  EXPECT_EQ(first.computed, 3u);
  auto second = build_feature_cache(ds, cache, 2, false);
  EXPECT_EQ(second.computed, 0u);
  EXPECT_EQ(second.reused, 3u);
  auto spec = cache.load("1-100-A-0");
  ASSERT_TRUE(spec);
  EXPECT_EQ(spec->n_mels, 32);
  EXPECT_EQ(spec->n_frames, 44);
}

TEST(FeatureCache, ChangedSettingsNeverReuseStaleFeatures) {
  test::TempDir tmp;
  auto ds = fake(tmp);
  auto s = small_settings();
  build_feature_cache(ds, FeatureCache(tmp / "cache", s), 1, false);
  s.n_mels = 16;
  FeatureCache other(tmp / "cache", s);
  EXPECT_EQ(build_feature_cache(ds, other, 1, false).computed, 3u);
  EXPECT_EQ(other.load("1-100-A-0")->n_mels, 16);
}

TEST(FeatureCache, AClipChangedSinceItsEntryIsRenderedAgain) {
  test::TempDir tmp;
  auto ds = fake(tmp);
  FeatureCache cache(tmp / "cache", small_settings());
  build_feature_cache(ds, cache, 1, false);
  // Edited after its entry was stored, and another file of the same name from longer ago.
  namespace fs = std::filesystem;
  fs::last_write_time(ds.clips[1].path, fs::last_write_time(ds.clips[1].path) + std::chrono::seconds(60));
  fs::last_write_time(ds.clips[2].path, fs::last_write_time(ds.clips[2].path) - std::chrono::hours(24));
  const auto again = build_feature_cache(ds, cache, 1, false);
  EXPECT_EQ(again.computed, 2u);
  EXPECT_EQ(again.reused, 1u);
  EXPECT_EQ(build_feature_cache(ds, cache, 1, false).reused, 3u) << "and then reused";
}

TEST(FeatureCache, LeftoversOfACrashedWriterAreDeletedAndRedone) {
  test::TempDir tmp;
  auto ds = fake(tmp);
  FeatureCache cache(tmp / "cache", small_settings());
  // What a writer killed mid-write leaves: a temporary, never the final name.
  const pid_t killed = fork();
  if (killed == 0) _exit(0);
  waitpid(killed, nullptr, 0);
  const auto leftover = cache.dir() / ("1-100-A-0.npy.partial-" + std::to_string(killed) + "-0");
  std::ofstream(leftover) << "half";
  // What another command writing into the same cache has in hand: it must stay.
  const auto in_hand = cache.dir() / ("2-200-A-1.npy.partial-" + std::to_string(getpid()) + "-7");
  std::ofstream(in_hand) << "half";
  EXPECT_EQ(build_feature_cache(ds, cache, 1, false).computed, 3u);
  EXPECT_FALSE(std::filesystem::exists(leftover));
  EXPECT_TRUE(std::filesystem::exists(in_hand));
}

TEST(FeatureCache, CorruptEntryIsDroppedNotRead) {
  test::TempDir tmp;
  auto ds = fake(tmp);
  FeatureCache cache(tmp / "cache", small_settings());
  build_feature_cache(ds, cache, 1, false);
  std::ofstream(cache.entry_path("2-200-A-1"), std::ios::trunc) << "garbage";
  EXPECT_FALSE(cache.load("2-200-A-1"));
  EXPECT_EQ(build_feature_cache(ds, cache, 1, false).computed, 1u);
  EXPECT_TRUE(cache.load("2-200-A-1"));
}

TEST(FeatureCache, RealClipsGiveTheDefaultShape) {
  ESC50_REQUIRE_DATASET();
  auto ds = load_esc50(test::esc50_dir());
  ds.clips.resize(4);
  test::TempDir tmp;
  FeatureCache cache(tmp / "cache", features::FeatureSettings{});
  EXPECT_EQ(build_feature_cache(ds, cache, 2, false).computed, 4u);
  auto spec = cache.load(ds.clips[0].stem());
  ASSERT_TRUE(spec);
  EXPECT_EQ(spec->n_mels, 128);
  EXPECT_EQ(spec->n_frames, 216);
}

}  // namespace
}  // namespace esc50::data
