#include <algorithm>

#include "augment/policies.h"

namespace esc50::augment {
namespace {

constexpr double kAggressiveChance = 0.3;
constexpr double kModerateStrength = 0.5;

}  // namespace

BalancedPolicy::BalancedPolicy(const AugmentSettings& settings, std::vector<int> recipe_of_class)
    : FixedPolicy(settings, std::move(recipe_of_class)), pool_(parse_transforms(settings.balanced_transforms)) {}

std::vector<std::string> BalancedPolicy::allowed_transforms() const {
  std::vector<std::string> names;
  for (auto t : pool_) names.push_back(transform_name(t));
  return names;
}

AugmentedClip BalancedPolicy::augment(std::span<const float> clip, int sample_rate, int,
                                      uint64_t seed, std::optional<double> strength) const {
  Rng rng(seed);
  const double s = strength.value_or(1.0);
  const bool aggressive = rng.chance(kAggressiveChance);
  const int drawn = aggressive ? 3 + rng.below(2) : 2 + rng.below(2);
  const int count = std::min(drawn, int(pool_.size()));
  const double level = aggressive ? s : kModerateStrength * s;
  auto pool = pool_;
  std::vector<AppliedTransform> chain;
  for (int i = 0; i < count; ++i) {  // partial Fisher–Yates: `count` distinct transforms
    std::swap(pool[size_t(i)], pool[size_t(i + rng.below(int(pool.size()) - i))]);
    chain.push_back(draw_transform(pool[size_t(i)], level, settings_, rng));
  }
  return apply_chain(chain, clip, sample_rate, settings_, rng.next());
}

}  // namespace esc50::augment
