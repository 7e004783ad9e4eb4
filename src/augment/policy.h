#pragma once
// Augmentation policies: which waveform transforms a training clip of a given class gets,
// how often and how strongly. Usage by the trainer:
//
//   auto policy = make_policy(settings, class_names);    // settings.policy picks the kind
//   auto out = policy->augment(clip, sr, target, seed);  // pure, thread-safe, deterministic
//   ... after each validation pass:
//   policy->update(per_class_recall);                    // adaptive moves; others ignore
//   metrics["augment_strengths"] = policy->strengths();
//   checkpoint["augment_state"] = policy->state();       // restore with load_state()
//
// To avoid redoing waveform work every epoch, see augment/augment_cache.h (pre-rendered
// variants and the per-epoch choice between the clean clip and a variant).
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "augment/settings.h"

namespace esc50::augment {

// The class-aware policies give each class an acoustic recipe: a class named like one of
// ESC-50's gets its category group's recipe (0..4), any other class the generic one.
inline constexpr int kGenericRecipe = 5;
std::vector<int> class_recipes(const std::vector<std::string>& class_names);

// One transform a policy applied, with the parameters it drew.
struct AppliedTransform {
  std::string name;  // one of transform_names()
  std::vector<std::pair<std::string, double>> params;
  std::string to_string() const;  // e.g. "pitch_shift(semitones=1.73)"
  nlohmann::json to_json() const;  // {"name": ..., "semitones": 1.73}
};

struct AugmentedClip {
  std::vector<float> samples;             // same length as the input, finite
  std::vector<AppliedTransform> applied;  // in the order they were applied
};

class Policy {
 public:
  // `recipe_of_class`: one entry per class of the dataset (class_recipes()).
  explicit Policy(std::vector<int> recipe_of_class) : recipe_of_class_(std::move(recipe_of_class)) {}
  virtual ~Policy() = default;
  int class_count() const { return int(recipe_of_class_.size()); }

  virtual std::string name() const = 0;
  // Names of every transform this policy may ever apply (a subset of transform_names()).
  virtual std::vector<std::string> allowed_transforms() const = 0;

  // Augments one clip of class `target` (0..class_count() - 1). Const and free of shared state: safe to call
  // from many threads; the same (clip, target, seed, strength) gives bit-identical output.
  // `strength` in [0, 1] overrides the policy's own strength for the class (cache rendering).
  virtual AugmentedClip augment(std::span<const float> clip, int sample_rate, int target,
                                uint64_t seed, std::optional<double> strength = {}) const = 0;

  // Chance that a training sample of class `target` is augmented rather than clean.
  virtual double probability(int target) const = 0;
  // Strength in [0, 1] the policy currently uses for class `target`.
  virtual double strength(int target) const = 0;
  // True when probability/strength follow validation recall (adaptive).
  virtual bool adapts() const { return false; }

  // After every validation pass: recall per class (class_count() values in [0, 1]). Not
  // thread-safe with concurrent augment() calls; call it between epochs.
  virtual void update(std::span<const double> per_class_recall);
  // Everything update() changed, for checkpoints; load_state(state()) restores it exactly.
  virtual nlohmann::json state() const;
  virtual void load_state(const nlohmann::json& state);

  std::vector<double> strengths() const;      // per class, for metrics.jsonl
  std::vector<double> probabilities() const;  // per class

 protected:
  // The recipe of class `target`; throws Error for a class outside the policy's classes.
  int recipe_of(int target) const;

 private:
  std::vector<int> recipe_of_class_;
};

// Builds the policy named by settings.policy (validated) for a dataset's classes. Throws
// Error for unknown names.
std::unique_ptr<Policy> make_policy(const AugmentSettings& settings, const std::vector<std::string>& class_names);
const std::vector<std::string>& policy_names();  // none, balanced, acoustic, adaptive

// A well-mixed seed for (run seed, epoch, sample index) so every draw is reproducible.
uint64_t mix_seed(uint64_t a, uint64_t b, uint64_t c = 0);

}  // namespace esc50::augment
