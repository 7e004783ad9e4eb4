#include <soxr.h>

#include <cmath>
#include <random>

#include "audio/audio.h"
#include "audio/resampler.h"
#include "audio/audio_files.h"
#include "test_support.h"

namespace esc50::audio {
namespace {

// Zero crossings per second / 2 = frequency of a pure tone.
double measured_frequency(const std::vector<float>& x, int rate) {
  int crossings = 0;
  for (size_t i = 1 + rate / 10; i < x.size() - rate / 10; ++i) crossings += (x[i - 1] < 0) != (x[i] < 0);
  return crossings / 2.0 / (double(x.size() - 2 * (rate / 10)) / rate);
}

TEST(Resample, KeepsPitchAndScalesLengthLikeLibrosa) {
  auto x = test::sine_wave(1000, 44100, 44100);
  auto y = resample(x, 44100, 22050);
  EXPECT_EQ(y.size(), 22050u);
  EXPECT_NEAR(measured_frequency(y, 22050), 1000, 5);
  EXPECT_EQ(resample(x, 48000, 22050).size(), size_t(std::ceil(44100.0 * 22050 / 48000)));
}

TEST(Resample, RemovesContentAboveTheNewNyquist) {
  auto x = test::sine_wave(15000, 44100, 44100);
  auto y = resample(x, 44100, 22050);
  double energy = 0;
  for (size_t i = 2000; i < y.size() - 2000; ++i) energy += y[i] * y[i];
  EXPECT_LT(energy / double(y.size()), 1e-6);
}

std::vector<float> noise(size_t n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<float> u(-1, 1);
  std::vector<float> x(n);
  for (auto& v : x) v = u(rng);
  return x;
}

// What resample() computed before it reused resamplers: one soxr_oneshot per call.
std::vector<float> oneshot(const std::vector<float>& x, int from, int to) {
  std::vector<float> out(size_t(std::ceil(double(x.size()) * to / from)));
  size_t produced = 0;
  auto io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
  auto quality = soxr_quality_spec(SOXR_HQ, 0);
  EXPECT_EQ(soxr_oneshot(from, to, 1, x.data(), x.size(), nullptr, out.data(), out.size(), &produced,
                         &io, &quality, nullptr),
            nullptr);
  return out;
}

TEST(Resample, ReusedResamplerEqualsAFreshOneShotForEveryClip) {
  for (auto [from, to] : {std::pair{44100, 22050}, std::pair{48000, 22050}, std::pair{8000, 22050}}) {
    for (unsigned seed : {1u, 2u, 3u}) {  // the same thread's resampler, reused
      auto x = noise(from * 2 + seed * 777, seed);
      EXPECT_EQ(resample(x, from, to), oneshot(x, from, to)) << from << " -> " << to << " seed " << seed;
    }
  }
}

TEST(Resample, ManyRatePairsKeepOnlyAFewResamplersAndTheSameResults) {
  auto x = noise(30000, 4);
  const auto first = resample(x, 44100, 22050);
  for (int from = 20000; from < 20100; ++from) {  // pitch shifting's stretched rates
    EXPECT_EQ(resample(x, from, 22050), oneshot(x, from, 22050)) << from;
    EXPECT_LE(resamplers_kept_by_this_thread(), 4u);
  }
  EXPECT_EQ(resample(x, 44100, 22050), first);  // made again after it was dropped
}

TEST(Resample, BlockSizesDoNotChangeTheStreamedOutput) {
  auto x = noise(100000, 9);
  auto whole = resample(x, 44100, 16000);
  for (size_t block : {1u, 100u, 4096u, 70000u}) {
    Resampler r(44100, 16000);
    std::vector<float> out;
    for (size_t at = 0; at < x.size(); at += block)
      r.process(std::span(x).subspan(at, std::min(block, x.size() - at)), out);
    r.flush(out);
    out.resize(whole.size());
    EXPECT_EQ(out, whole) << "block " << block;
  }
}

TEST(Resample, FitLengthPadsWithZerosOrCrops) {
  std::vector<float> x{1, 2, 3};
  fit_length(x, 5);
  EXPECT_EQ(x, (std::vector<float>{1, 2, 3, 0, 0}));
  fit_length(x, 2);
  EXPECT_EQ(x, (std::vector<float>{1, 2}));
}

}  // namespace
}  // namespace esc50::audio
