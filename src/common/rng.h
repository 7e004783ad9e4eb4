#pragma once
// A small explicit random generator (SplitMix64), for every stage that derives seeds or draws
// augmentation parameters. Its output is fixed by this code alone, unlike std::
// distributions, so "same seed ⇒ bit-identical output" holds on every standard library; each
// call site owns its own instance, so nothing is shared between threads.
#include <cmath>
#include <cstdint>
#include <numbers>

namespace esc50 {

class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}

  uint64_t next() {
    uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1) with 53 random bits.
  double uniform() { return double(next() >> 11) * 0x1.0p-53; }
  double uniform(double lo, double hi) { return lo + (hi - lo) * uniform(); }
  bool chance(double p) { return uniform() < p; }
  // Integer in [0, n).
  int below(int n) { return int(uniform() * n); }
  // Standard normal by Box–Muller (one value per call keeps the stream simple).
  double normal() {
    const double u1 = 1.0 - uniform();  // (0, 1]: log is finite
    const double u2 = uniform();
    return std::sqrt(-2.0 * std::log(u1)) * std::cos(2.0 * std::numbers::pi * u2);
  }

 private:
  uint64_t state_;
};

}  // namespace esc50
