#include <fftw3.h>

#include <cmath>
#include <numbers>
#include <span>
#include <string>
#include <thread>

#include "common/error.h"
#include "features/logmel.h"
#include "features/mel_filterbank.h"
#include "test_support.h"

namespace esc50::features {
namespace {

std::vector<float> sine(double hz, int rate, double seconds, float amplitude = 0.5f) {
  std::vector<float> x(static_cast<size_t>(rate * seconds));
  for (size_t i = 0; i < x.size(); ++i) x[i] = amplitude * std::sin(2 * std::numbers::pi * hz * i / rate);
  return x;
}

int loudest_band(const Spectrogram& s, int frame) {
  int best = 0;
  for (int m = 1; m < s.n_mels; ++m)
    if (s.at(m, frame) > s.at(best, frame)) best = m;
  return best;
}

TEST(LogMel, FrameCountFollowsLibrosaCentering) {
  LogMelExtractor e(FeatureSettings{});
  EXPECT_EQ(e.frames_for(110250), 216);  // 5 s at 22050 Hz, hop 512
  EXPECT_EQ(e.frames_for(512), 2);
}

TEST(LogMel, ToneLandsInTheBandContainingItsFrequency) {
  FeatureSettings s;
  LogMelExtractor e(s);
  for (double hz : {300.0, 1000.0, 4000.0}) {
    auto spec = e.compute(sine(hz, s.sample_rate, 1.0));
    int band = loudest_band(spec, spec.n_frames / 2);
    double centre = mel_to_hz_slaney(hz_to_mel_slaney(0) +
                                     (hz_to_mel_slaney(s.sample_rate / 2.0)) * (band + 1) / (s.n_mels + 1));
    EXPECT_NEAR(centre, hz, hz * 0.1) << "tone at " << hz << " Hz peaked in band " << band;
  }
}

TEST(LogMel, DbRangeIsClippedToTopDbBelowMaximum) {
  LogMelExtractor e(FeatureSettings{});
  auto spec = e.compute(sine(440, 22050, 2.0));
  auto [lo, hi] = std::minmax_element(spec.values.begin(), spec.values.end());
  EXPECT_FLOAT_EQ(*hi, 0.0f);
  EXPECT_NEAR(*lo, -80.0f, 1e-4);
}

TEST(LogMel, SilenceGivesFiniteFlatSpectrogram) {
  LogMelExtractor e(FeatureSettings{});
  auto spec = e.compute(std::vector<float>(22050, 0.0f));
  for (float v : spec.values) ASSERT_TRUE(std::isfinite(v));
}

// The mel sums run over blocks of 4 frames. Each frame of a clip must get exactly the values
// it gets alone (a one-frame clip), whatever its place in a block, the last partial block
// included, and with any power.
TEST(LogMel, FramesInBlocksGetTheValuesTheyGetAlone) {
  for (double power : {2.0, 1.0}) {
    FeatureSettings s;
    s.center = false;  // an uncentred frame is its n_fft samples and nothing else
    s.power = power;
    LogMelExtractor e(s);
    std::vector<float> signal = sine(440, s.sample_rate, 0.75);
    for (size_t i = 0; i < signal.size(); ++i) signal[i] += 0.1f * std::sin(0.37f * float(i * i % 9973));
    const auto whole = e.mel_power(signal);
    ASSERT_GT(whole.n_frames % 4, 0) << "the test needs a partial last block";
    for (int t = 0; t < whole.n_frames; ++t) {
      const auto alone = e.mel_power(std::span(signal).subspan(size_t(t) * s.hop_length, size_t(s.n_fft)));
      ASSERT_EQ(alone.n_frames, 1);
      for (int m = 0; m < s.n_mels; ++m)
        ASSERT_EQ(alone.at(m, 0), whole.at(m, t)) << "power " << power << ", band " << m << ", frame " << t;
    }
  }
}

// The built-in wisdom names the plan for Debian's FFTW build: there the default transform must
// follow it (a malformed or stale wisdom string fails here), and other sizes must not.
TEST(LogMel, DefaultTransformFollowsTheBuiltInWisdomWhereFftwCanUseIt) {
  if (std::string(fftwf_version) != "fftw-3.3.10-sse2-avx" || !__builtin_cpu_supports("avx"))
    GTEST_SKIP() << "the wisdom is for fftw-3.3.10-sse2-avx on a CPU with AVX; here " << fftwf_version;
  EXPECT_TRUE(LogMelExtractor(FeatureSettings{}).fft_plan_from_wisdom());
  FeatureSettings other;
  other.n_fft = 1024;
  EXPECT_FALSE(LogMelExtractor(other).fft_plan_from_wisdom());
}

TEST(LogMel, ConcurrentUseOfOneExtractorGivesIdenticalResults) {
  LogMelExtractor e(FeatureSettings{});
  auto signal = sine(1234, 22050, 1.0);
  auto expected = e.compute(signal).values;
  std::vector<std::vector<float>> results(4);
  {
    std::vector<std::jthread> threads;
    for (auto& r : results) threads.emplace_back([&] { r = e.compute(signal).values; });
  }
  for (const auto& r : results) EXPECT_EQ(r, expected);
}

TEST(LogMel, SettingsOutsideTheirRangeAreRejectedByName) {
  FeatureSettings s;
  s.n_mels = 0;
  try {
    LogMelExtractor e(s);
    FAIL() << "n_mels = 0 accepted";
  } catch (const Error& err) {
    EXPECT_NE(std::string(err.what()).find("n_mels"), std::string::npos);
  }
}

TEST(LogMel, SettingsKeyChangesWithAnySetting) {
  FeatureSettings a, b;
  b.hop_length = 256;
  EXPECT_NE(settings_key(a), settings_key(b));
  EXPECT_EQ(settings_key(a), settings_key(FeatureSettings{}));
}

TEST(LogMel, MelFiltersHaveSlaneyAreaNormalisation) {
  auto filters = slaney_mel_filterbank(22050, 2048, 40, 0, 11025);
  ASSERT_EQ(filters.size(), 40u);
  for (const auto& f : filters) EXPECT_FALSE(f.weights.empty());
}

TEST(LogMel, NpyRoundTripKeepsShapeAndValues) {
  test::TempDir tmp;
  LogMelExtractor e(FeatureSettings{});
  auto spec = e.compute(sine(440, 22050, 1.0));
  write_spectrogram_npy(tmp / "s.npy", spec);
  auto back = read_spectrogram_npy(tmp / "s.npy");
  EXPECT_EQ(back.n_mels, spec.n_mels);
  EXPECT_EQ(back.n_frames, spec.n_frames);
  EXPECT_EQ(back.values, spec.values);
}

TEST(LogMel, PngIsEncodedWithItsSignature) {
  Spectrogram s{4, 3, std::vector<float>(12, -80.0f)};
  for (int t = 0; t < 3; ++t) s.values[t] = 0.0f;  // band 0 loud
  auto png = spectrogram_png(s, 1);
  ASSERT_GT(png.size(), 8u);
  EXPECT_EQ(png.substr(1, 3), "PNG");
}

}  // namespace
}  // namespace esc50::features
