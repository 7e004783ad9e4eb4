// Physics of each waveform transform: measured on synthetic signals, not just "it runs".
#include <fftw3.h>
#include <gtest/gtest.h>

#include <complex>

#include "augment/transform_catalog.h"
#include "augment/transforms.h"
#include "signals.h"

namespace esc50::augment {
namespace {

using namespace test;

constexpr RubberBandEngine kEngines[] = {RubberBandEngine::faster, RubberBandEngine::finer,
                                         RubberBandEngine::finer_short};

TEST(PitchShift, TwoSemitonesUpMoves440HzTo493_9Hz) {
  const auto x = sine(440.0, 2.0);
  for (auto engine : kEngines) {
    const auto y = pitch_shift(x, kRate, 2.0, engine);
    ASSERT_EQ(y.size(), x.size());
    const double f = zero_crossing_frequency(y, kRate / 2, 3 * kRate / 2);
    EXPECT_NEAR(f, 493.88, 0.01 * 493.88) << "engine " << int(engine);
  }
  const auto down = pitch_shift(x, kRate, -5.0);
  EXPECT_NEAR(zero_crossing_frequency(down, kRate / 2, 3 * kRate / 2), 329.63, 0.01 * 329.63);
}

TEST(PitchShift, KeepsDuration) {
  const auto x = burst_at(0.5, 2.0);
  const auto y = pitch_shift(x, kRate, -3.0);
  EXPECT_NEAR(onset_seconds(y), onset_seconds(x), 0.010);
}

TEST(TimeStretch, MovesOnsetFromTToTOverRate) {
  const double onset = 1.0;
  const auto x = burst_at(onset, 3.0);
  for (double rate : {0.8, 1.25}) {
    for (auto engine : kEngines) {
      const auto y = time_stretch(x, kRate, rate, engine);
      ASSERT_EQ(y.size(), x.size());
      EXPECT_NEAR(onset_seconds(y), onset / rate, 0.010)
          << "rate " << rate << " engine " << int(engine);
    }
  }
}

TEST(TimeStretch, KeepsPitch) {
  for (double rate : {0.75, 0.8, 1.25, 1.35}) {
    const auto y = time_stretch(sine(440.0, 3.0), kRate, rate);  // default engine
    EXPECT_NEAR(zero_crossing_frequency(y, kRate / 4, kRate + kRate / 4), 440.0, 0.44) << rate;
  }
}

TEST(Gain, ChangesRmsByGainDb) {
  const auto x = white_noise(2.0, 1);
  for (double g : {-6.0, 3.5, 0.0}) EXPECT_NEAR(rms_db(apply_gain(x, g)) - rms_db(x), g, 0.1);
}

TEST(Noise, MeasuredSnrMatchesRequest) {
  const auto x = sine(440.0, 5.0);
  for (double snr : {0.0, 10.0, 20.0, 35.0}) {
    const auto y = add_noise(x, snr, 42);
    std::vector<float> noise(x.size());
    for (size_t i = 0; i < x.size(); ++i) noise[i] = y[i] - x[i];
    EXPECT_NEAR(rms_db(x) - rms_db(noise), snr, 0.5) << "snr " << snr;
  }
}

TEST(Noise, SilenceStaysSilent) {
  const std::vector<float> x(1000, 0.0f);
  EXPECT_EQ(add_noise(x, 10, 1), x);
}

TEST(Shift, MovesOnsetAndFillsWithZeros) {
  const auto x = white_noise(2.0, 3);  // non-zero everywhere: wrapped audio would show
  const size_t n = x.size(), d = kRate / 2;
  const auto later = time_shift(x, kRate, 0.5);
  const auto earlier = time_shift(x, kRate, -0.5);
  ASSERT_EQ(later.size(), n);
  ASSERT_EQ(earlier.size(), n);
  for (size_t i = 0; i < d; ++i) {
    ASSERT_EQ(later[i], 0.0f) << i;
    ASSERT_EQ(earlier[n - d + i], 0.0f) << i;
  }
  for (size_t i = d; i < n; ++i) {
    ASSERT_EQ(later[i], x[i - d]) << i;
    ASSERT_EQ(earlier[i - d], x[i]) << i;
  }
  const auto burst = burst_at(0.5, 2.0);
  EXPECT_NEAR(onset_seconds(time_shift(burst, kRate, 0.3)), 0.8, 1.0 / kRate);
}

TEST(Event, KeepsTheLoudestStretchAtTheChosenPositionInSilence) {
  std::vector<float> x = white_noise(3.0, 6, 0.01);  // a quiet bed ...
  for (size_t i = size_t(1.2 * kRate); i < size_t(1.7 * kRate); ++i) x[i] = 0.5f;  // ... and a loud 0.5 s
  const auto start = isolate_event(x, kRate, 0.5, 0.0);
  ASSERT_EQ(start.size(), x.size());
  for (size_t i = 0; i < size_t(0.5 * kRate); ++i) ASSERT_EQ(start[i], 0.5f) << i;
  for (size_t i = size_t(0.5 * kRate); i < x.size(); ++i) ASSERT_EQ(start[i], 0.0f) << i;
  const auto end = isolate_event(x, kRate, 0.5, 1.0);
  EXPECT_EQ(end.back(), 0.5f);
  EXPECT_EQ(end[x.size() - size_t(0.5 * kRate) - 1], 0.0f);
  const auto longer = isolate_event(x, kRate, 1.0, 0.5);  // 1 s holds all of the loud part
  EXPECT_NEAR(rms_db(longer), rms_db(x), 0.05);
  EXPECT_EQ(isolate_event(x, kRate, 10.0, 0.3), x);  // longer than the clip: all of it
  EXPECT_EQ(isolate_event(x, kRate, 0.0, 0.3), std::vector<float>(x.size(), 0.0f));
}

// Energy of the one-sided power spectrum between lo and hi Hz.
double band_energy(std::span<const float> x, double lo_hz, double hi_hz) {
  std::vector<float> in(x.begin(), x.end());
  std::vector<std::complex<float>> out(x.size() / 2 + 1);
  fftwf_plan plan = fftwf_plan_dft_r2c_1d(int(in.size()), in.data(),
                                          reinterpret_cast<fftwf_complex*>(out.data()),
                                          FFTW_ESTIMATE);
  fftwf_execute(plan);
  fftwf_destroy_plan(plan);
  double sum = 0;
  for (size_t k = 0; k < out.size(); ++k) {
    const double f = double(k) * kRate / double(in.size());
    if (f >= lo_hz && f < hi_hz) sum += std::norm(out[k]);
  }
  return sum;
}

TEST(LowPass, CutsEnergyAboveCutoffBy20Db) {
  const auto x = white_noise(5.0, 4);
  for (double cutoff : {2000.0, 3000.0, 6000.0}) {
    const auto y = lowpass(x, kRate, cutoff);
    const double above_db =
        10 * std::log10(band_energy(y, cutoff, kRate) / band_energy(x, cutoff, kRate));
    const double below_db = 10 * std::log10(band_energy(y, 0, cutoff / 2) /
                                            band_energy(x, 0, cutoff / 2));
    EXPECT_LE(above_db, -20.0) << "cut-off " << cutoff;
    EXPECT_NEAR(below_db, 0.0, 0.5) << "pass band, cut-off " << cutoff;
  }
}

TEST(BandLimit, CutsBelowAndAboveTheBand) {
  const auto x = white_noise(5.0, 7);
  const auto y = band_limit(x, kRate, 400, 3400);
  const auto db = [&](double lo, double hi) { return 10 * std::log10(band_energy(y, lo, hi) / band_energy(x, lo, hi)); };
  EXPECT_LE(db(0, 200), -20.0);
  EXPECT_LE(db(3400, kRate), -20.0);
  EXPECT_NEAR(db(1000, 1700), 0.0, 0.5);
  EXPECT_EQ(band_limit(x, kRate, 0, kRate), x);  // no corner inside the band: unchanged
}

TEST(Distance, MixesFilteredWithDry) {
  const auto x = white_noise(2.0, 5);
  EXPECT_EQ(distance(x, kRate, 3000, 0.0), x);
  EXPECT_EQ(distance(x, kRate, 3000, 1.0), lowpass(x, kRate, 3000));
}

// Time for the backward-integrated energy (Schroeder curve) after `from` to fall by 30 dB.
double decay_seconds(std::span<const float> x, size_t from) {
  std::vector<double> tail(x.size() - from + 1, 0.0);
  for (size_t i = x.size(); i-- > from;) tail[i - from] = tail[i - from + 1] + double(x[i]) * x[i];
  for (size_t i = 0; i < tail.size(); ++i)
    if (tail[i] < tail[0] * 1e-3) return double(i) / kRate;
  return double(tail.size()) / kRate;
}

TEST(Reverb, LengthensTheDecayOfAClick) {
  std::vector<float> click(3 * kRate, 0.0f);
  const size_t at = kRate / 2;
  click[at] = 1.0f;
  const double dry = decay_seconds(click, at);
  const double short_room = decay_seconds(reverb(click, kRate, 0.3, 0.5, 9), at);
  const double long_room = decay_seconds(reverb(click, kRate, 0.9, 0.5, 9), at);
  EXPECT_LT(dry, 0.001);
  EXPECT_GT(short_room, 0.05);
  EXPECT_GT(long_room, 2.0 * short_room);
  // The -60 dB time of the tail itself is the requested RT60 (wet only, 30 dB decay = RT60 / 2).
  EXPECT_NEAR(decay_seconds(reverb(click, kRate, 0.8, 1.0, 9), at), 0.4, 0.08);
}

TEST(Ambience, BedsSitAtTheRequestedSnr) {
  const auto x = sine(1000.0, 3.0);
  const auto check = [&](const Samples& y, double snr) {
    std::vector<float> bed(x.size());
    for (size_t i = 0; i < x.size(); ++i) bed[i] = y[i] - x[i];
    EXPECT_NEAR(rms_db(x) - rms_db(bed), snr, 0.1);
  };
  check(ambience_outdoor(x, kRate, 12.0, 1), 12.0);
  check(ambience_indoor(x, kRate, 18.0, 50.0, 1), 18.0);
}

TEST(Ambience, OutdoorBedIsLowFrequencyAndIndoorBedHums) {
  const std::vector<float> tone = sine(5000.0, 3.0);
  std::vector<float> outdoor = ambience_outdoor(tone, kRate, 0.0, 2);
  std::vector<float> indoor = ambience_indoor(tone, kRate, 0.0, 50.0, 2);
  for (size_t i = 0; i < tone.size(); ++i) outdoor[i] -= tone[i], indoor[i] -= tone[i];
  EXPECT_GT(band_energy(outdoor, 0, 1500), 100 * band_energy(outdoor, 2000, kRate));
  const double hum = band_energy(indoor, 45, 55) + band_energy(indoor, 95, 105);
  EXPECT_GT(hum, 0.5 * band_energy(indoor, 0, kRate));
}

// Every transform at full strength, on a clip, on silence and on a very short buffer.
TEST(AllTransforms, KeepLengthAndFiniteSamples) {
  const AugmentSettings settings;
  const std::vector<std::vector<float>> inputs = {
      burst_at(0.3, 1.0), std::vector<float>(kRate, 0.0f), std::vector<float>(7, 0.1f)};
  for (size_t t = 0; t < transform_names().size(); ++t) {
    for (uint64_t seed = 0; seed < 3; ++seed) {
      Rng rng(seed);
      const auto applied = draw_transform(Transform(t), 1.0, settings, rng);
      for (const auto& x : inputs) {
        const auto y = apply_transform(applied, x, kRate, settings, seed);
        ASSERT_EQ(y.size(), x.size()) << applied.to_string();
        ASSERT_TRUE(all_finite(y)) << applied.to_string();
      }
    }
  }
}

TEST(AllTransforms, SameSeedIsBitIdenticalOtherSeedDiffers) {
  const AugmentSettings settings;
  const auto x = burst_at(0.2, 1.0);
  for (size_t t = 0; t < transform_names().size(); ++t) {
    Rng a(11), b(11);
    const auto ta = draw_transform(Transform(t), 1.0, settings, a);
    const auto tb = draw_transform(Transform(t), 1.0, settings, b);
    EXPECT_EQ(ta.to_string(), tb.to_string());
    EXPECT_EQ(apply_transform(ta, x, kRate, settings, 5), apply_transform(tb, x, kRate, settings, 5))
        << ta.name;
  }
}

TEST(Chain, AppliesInTheFixedOrder) {
  const AugmentSettings settings;
  const std::vector<AppliedTransform> chain = {{"gain", {{"gain_db", -6}}},
                                               {"time_stretch", {{"rate", 1.1}}},
                                               {"shift", {{"seconds", 0.1}}}};
  const auto out = apply_chain(chain, burst_at(0.2, 1.0), kRate, settings, 1);
  ASSERT_EQ(out.applied.size(), 3u);
  EXPECT_EQ(out.applied[0].name, "time_stretch");
  EXPECT_EQ(out.applied[1].name, "shift");
  EXPECT_EQ(out.applied[2].name, "gain");
}

}  // namespace
}  // namespace esc50::augment
