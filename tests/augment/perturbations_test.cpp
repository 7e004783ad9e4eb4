// The robustness benchmark's perturbations do what their descriptions say.
#include <gtest/gtest.h>

#include <cmath>
#include <set>

#include "augment/perturbations.h"
#include "common/error.h"
#include "signals.h"

namespace esc50::augment {
namespace {

using namespace test;

// RMS in dB over the middle half, away from the filters' edge transients.
double middle_rms_db(std::span<const float> x) { return rms_db(x.subspan(x.size() / 4, x.size() / 2)); }

TEST(Perturbations, EveryOneKeepsTheLengthIsFiniteAndSeeded) {
  const auto x = burst_at(0.5, 3.0);
  for (const auto& p : perturbations()) {
    const auto a = perturb(p.name, x, kRate, 1);
    ASSERT_EQ(a.size(), x.size()) << p.name;
    EXPECT_TRUE(all_finite(a)) << p.name;
    EXPECT_NE(a, x) << p.name;
    EXPECT_EQ(perturb(p.name, x, kRate, 1), a) << p.name;
  }
  try {
    perturb("underwater", x, kRate, 1);
    ADD_FAILURE() << "an unknown perturbation was accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("short_event, noise, telephone, quiet, room"), std::string::npos) << e.what();
  }
}

TEST(Perturbations, ShortEventIsTheLoudestSecondAtASeededPlace) {
  const auto x = burst_at(0.5, 3.0);  // decays with a 0.3 s time constant
  const auto first_nonzero = [](const std::vector<float>& y) {
    size_t i = 0;
    while (i < y.size() && y[i] == 0.0f) ++i;
    return i;
  };
  std::set<size_t> starts;
  for (uint64_t seed = 0; seed < 4; ++seed) {
    const auto y = perturb("short_event", x, kRate, seed);
    const size_t start = first_nonzero(y);
    starts.insert(start);
    for (size_t i = start + kRate; i < y.size(); ++i) ASSERT_EQ(y[i], 0.0f) << "seed " << seed << " sample " << i;
    EXPECT_NEAR(rms_db(y), rms_db(x), 0.05);  // the burst's first second holds nearly all its energy
  }
  EXPECT_GT(starts.size(), 1u);
}

TEST(Perturbations, NoiseAtTenDbSnr) {
  const auto x = sine(440, 3.0);
  const auto y = perturb("noise", x, kRate, 2);
  std::vector<float> noise(x.size());
  for (size_t i = 0; i < x.size(); ++i) noise[i] = y[i] - x[i];
  EXPECT_NEAR(rms_db(x) - rms_db(noise), 10.0, 0.1);
}

TEST(Perturbations, TelephoneKeepsTheVoiceBandOnly) {
  EXPECT_NEAR(middle_rms_db(perturb("telephone", sine(1000, 2.0), kRate, 0)), middle_rms_db(sine(1000, 2.0)), 1.0);
  for (double hz : {100.0, 5000.0})
    EXPECT_LT(middle_rms_db(perturb("telephone", sine(hz, 2.0), kRate, 0)), middle_rms_db(sine(hz, 2.0)) - 20) << hz;
}

TEST(Perturbations, QuietIsThirtyDbDownOverAFloorAtMinusSixtyDbfs) {
  const auto x = sine(440, 2.0, 0.5);
  EXPECT_NEAR(rms_db(perturb("quiet", x, kRate, 3)), rms_db(x) - 30, 0.1);
  EXPECT_NEAR(rms_db(perturb("quiet", std::vector<float>(x.size(), 0.0f), kRate, 3)), -60.0, 0.1);
}

}  // namespace
}  // namespace esc50::augment
