#pragma once
// The concrete policies behind make_policy(); tests use them directly.
#include <vector>

#include "augment/policy.h"
#include "augment/transform_catalog.h"

namespace esc50::augment {

class NonePolicy : public Policy {
 public:
  NonePolicy(const AugmentSettings&, std::vector<int> recipe_of_class) : Policy(std::move(recipe_of_class)) {}
  std::string name() const override { return "none"; }
  std::vector<std::string> allowed_transforms() const override { return {}; }
  AugmentedClip augment(std::span<const float> clip, int, int, uint64_t,
                        std::optional<double>) const override {
    return {std::vector<float>(clip.begin(), clip.end()), {}};
  }
  double probability(int) const override { return 0.0; }
  double strength(int) const override { return 0.0; }
};

// A policy with one probability (settings.probability) and full strength for every class.
class FixedPolicy : public Policy {
 public:
  FixedPolicy(const AugmentSettings& settings, std::vector<int> recipe_of_class)
      : Policy(std::move(recipe_of_class)), settings_(settings) {}
  double probability(int) const override { return settings_.probability; }
  double strength(int) const override { return 1.0; }

 protected:
  AugmentSettings settings_;
};

// Class-agnostic: 2–3 distinct transforms of `balanced_transforms` (by default shift, stretch,
// pitch, gain) at half strength (moderate, 70 %) or 3–4 at full strength (aggressive, 30 %).
class BalancedPolicy : public FixedPolicy {
 public:
  BalancedPolicy(const AugmentSettings& settings, std::vector<int> recipe_of_class);
  std::string name() const override { return "balanced"; }
  std::vector<std::string> allowed_transforms() const override;
  AugmentedClip augment(std::span<const float> clip, int sample_rate, int target, uint64_t seed,
                        std::optional<double> strength = {}) const override;

 private:
  std::vector<Transform> pool_;
};

// One transform of an ESC-50 category group's recipe: its chance at full strength and how
// far into its parameter range it may go.
struct RecipeStep {
  Transform transform;
  double probability;
  double strength;
};
// The recipe of ESC-50 category group 0..4 (animals, natural, human, interior, exterior), or
// kGenericRecipe for classes outside ESC-50.
const std::vector<RecipeStep>& acoustic_recipe(int recipe);
std::vector<std::string> recipe_transform_names(int recipe);

// Each ESC-50 category group gets the transforms that make acoustic sense for it, other
// classes a generic recipe. At strength s every step's chance is scaled by (1 + s) / 2 and its
// range by s.
class AcousticPolicy : public FixedPolicy {
 public:
  using FixedPolicy::FixedPolicy;
  std::string name() const override { return "acoustic"; }
  std::vector<std::string> allowed_transforms() const override;
  AugmentedClip augment(std::span<const float> clip, int sample_rate, int target, uint64_t seed,
                        std::optional<double> strength = {}) const override;
};

// The acoustic recipes with per-class probability and strength driven by validation recall:
// each update moves a class's values by adaptive_rate × (mean recall − class recall), then
// shifts all probabilities so their mean stays `probability` (the number of augmented
// samples per epoch stays the same; only its share per class moves), within the bounds.
class AdaptivePolicy : public AcousticPolicy {
 public:
  AdaptivePolicy(const AugmentSettings& settings, std::vector<int> recipe_of_class);
  std::string name() const override { return "adaptive"; }
  double probability(int target) const override { return probability_.at(size_t(target)); }
  double strength(int target) const override { return strength_.at(size_t(target)); }
  bool adapts() const override { return true; }
  void update(std::span<const double> per_class_recall) override;
  nlohmann::json state() const override;
  void load_state(const nlohmann::json& state) override;

 private:
  void rebalance_probabilities();
  std::vector<double> probability_;
  std::vector<double> strength_;
  int updates_ = 0;
};

}  // namespace esc50::augment
