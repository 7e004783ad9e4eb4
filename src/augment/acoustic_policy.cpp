#include <algorithm>

#include "augment/policies.h"
#include "common/error.h"

namespace esc50::augment {
namespace {

using T = Transform;

// Recipes by ESC-50 category group, following what each group's sounds meet in real
// recordings: animals are heard outdoors and vary in size (mild pitch); soundscapes are
// textures (level, noise, distance, little pitch); human sounds happen in rooms and vary in
// pace; domestic sounds carry room reverb and mains hum; urban sources vary most in level
// and distance, over traffic, and should barely change pitch (engines, sirens, horns). The
// generic recipe, for classes nobody sorted, keeps to what changes no sound's identity: level,
// position, room, background and distance, with only mild pace and pitch.
const std::vector<std::vector<RecipeStep>>& recipes() {
  static const std::vector<std::vector<RecipeStep>> table = {
      // animals
      {{T::pitch_shift, 0.5, 0.5}, {T::ambience_outdoor, 0.4, 1.0}, {T::gain, 0.5, 1.0},
       {T::time_stretch, 0.4, 0.5}, {T::shift, 0.5, 1.0}},
      // natural soundscapes & water
      {{T::gain, 0.5, 1.0}, {T::noise, 0.4, 1.0}, {T::distance, 0.3, 1.0},
       {T::shift, 0.5, 1.0}, {T::time_stretch, 0.3, 0.5}, {T::pitch_shift, 0.2, 0.3}},
      // human non-speech
      {{T::reverb, 0.4, 1.0}, {T::ambience_indoor, 0.3, 1.0}, {T::pitch_shift, 0.4, 0.5},
       {T::time_stretch, 0.4, 0.5}, {T::gain, 0.5, 1.0}, {T::shift, 0.5, 1.0}},
      // interior / domestic
      {{T::reverb, 0.5, 1.0}, {T::ambience_indoor, 0.4, 1.0}, {T::shift, 0.5, 1.0},
       {T::gain, 0.4, 1.0}, {T::noise, 0.2, 1.0}},
      // exterior / urban
      {{T::gain, 0.6, 1.0}, {T::ambience_outdoor, 0.5, 1.0}, {T::distance, 0.5, 1.0},
       {T::shift, 0.5, 1.0}, {T::pitch_shift, 0.15, 0.25}},
      // generic (kGenericRecipe)
      {{T::gain, 0.5, 1.0}, {T::shift, 0.5, 1.0}, {T::reverb, 0.3, 0.7}, {T::noise, 0.3, 1.0},
       {T::distance, 0.3, 1.0}, {T::time_stretch, 0.2, 0.3}, {T::pitch_shift, 0.2, 0.3}},
  };
  return table;
}

}  // namespace

const std::vector<RecipeStep>& acoustic_recipe(int recipe) {
  if (recipe < 0 || recipe >= int(recipes().size())) throw Error("no acoustic recipe " + std::to_string(recipe));
  return recipes()[size_t(recipe)];
}

std::vector<std::string> recipe_transform_names(int recipe) {
  std::vector<std::string> names;
  for (const auto& step : acoustic_recipe(recipe)) names.push_back(transform_name(step.transform));
  return names;
}

std::vector<std::string> AcousticPolicy::allowed_transforms() const {
  std::vector<std::string> names;
  for (int g = 0; g < int(recipes().size()); ++g)
    for (const auto& n : recipe_transform_names(g))
      if (std::find(names.begin(), names.end(), n) == names.end()) names.push_back(n);
  return names;
}

AugmentedClip AcousticPolicy::augment(std::span<const float> clip, int sample_rate, int target,
                                      uint64_t seed, std::optional<double> strength) const {
  const auto& recipe = acoustic_recipe(recipe_of(target));
  const double s = std::clamp(strength.value_or(this->strength(target)), 0.0, 1.0);
  Rng rng(seed);
  std::vector<AppliedTransform> chain;
  for (const auto& step : recipe)
    if (rng.chance(step.probability * (1.0 + s) / 2.0))
      chain.push_back(draw_transform(step.transform, step.strength * s, settings_, rng));
  if (chain.empty()) {  // an "augmented" sample always differs from the clean one
    const auto& step = recipe[size_t(rng.below(int(recipe.size())))];
    chain.push_back(draw_transform(step.transform, step.strength * s, settings_, rng));
  }
  return apply_chain(chain, clip, sample_rate, settings_, rng.next());
}

}  // namespace esc50::augment
