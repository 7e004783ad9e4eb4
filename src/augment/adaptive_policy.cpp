#include <algorithm>
#include <cmath>

#include "augment/policies.h"
#include "common/error.h"

namespace esc50::augment {

AdaptivePolicy::AdaptivePolicy(const AugmentSettings& settings, std::vector<int> recipe_of_class)
    : AcousticPolicy(settings, std::move(recipe_of_class)),
      probability_(size_t(class_count()), settings.probability),
      strength_(size_t(class_count()), settings.adaptive_initial_strength) {
  rebalance_probabilities();
}

void AdaptivePolicy::update(std::span<const double> recall) {
  if (recall.size() != size_t(class_count()))
    throw Error("adaptive augmentation needs recall for " + std::to_string(class_count()) +
                " classes, got " + std::to_string(recall.size()));
  // Classes absent from the validation split report NaN recall: they keep their values.
  double sum = 0;
  int known = 0;
  for (double r : recall)
    if (std::isfinite(r)) sum += r, ++known;
  if (known == 0) return;
  const double mean = sum / known;
  const auto& s = settings_;
  for (size_t c = 0; c < recall.size(); ++c) {
    if (!std::isfinite(recall[c])) continue;
    const double step = s.adaptive_rate * (mean - recall[c]);  // > 0: worse than average
    strength_[c] = std::clamp(strength_[c] + step, s.adaptive_min_strength, s.adaptive_max_strength);
    probability_[c] += step;
  }
  rebalance_probabilities();
  ++updates_;
}

// Clamps every probability to its bounds, then shifts them all by the same amount so their
// mean is settings_.probability; a few rounds settle the interplay of shift and clamping.
void AdaptivePolicy::rebalance_probabilities() {
  const auto& s = settings_;
  double shift = 0;
  for (int round = 0; round < 32; ++round) {
    double mean = 0;
    for (auto& p : probability_) {
      p = std::clamp(p + shift, s.adaptive_min_probability, s.adaptive_max_probability);
      mean += p / double(probability_.size());
    }
    shift = s.probability - mean;
    if (std::abs(shift) < 1e-12) break;
  }
}

nlohmann::json AdaptivePolicy::state() const {
  return {{"policy", name()},
          {"probability", probability_},
          {"strength", strength_},
          {"updates", updates_}};
}

void AdaptivePolicy::load_state(const nlohmann::json& state) {
  Policy::load_state(state);
  try {
    auto probability = state.at("probability").get<std::vector<double>>();
    auto strength = state.at("strength").get<std::vector<double>>();
    if (probability.size() != size_t(class_count()) || strength.size() != size_t(class_count()))
      throw Error("adaptive augmentation state must hold " + std::to_string(class_count()) +
                  " probabilities and strengths, one per class");
    probability_ = std::move(probability);
    strength_ = std::move(strength);
    updates_ = state.at("updates").get<int>();
  } catch (const nlohmann::json::exception& e) {
    throw Error(std::string("adaptive augmentation state is malformed: ") + e.what());
  }
}

}  // namespace esc50::augment
