#pragma once
// The catalogue of waveform transforms as policies and the CLI see them: a name, parameters
// drawn from the AugmentSettings ranges at a strength, and one fixed order of application.
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "augment/policy.h"
#include "augment/transforms.h"
#include "common/rng.h"

namespace esc50::augment {

// Declared in the fixed order in which they are applied when several are combined: the
// source changes first (stretch, pitch, position, a short event cut out of it), then the room
// (reverb), the path (distance), the background (ambience beds, sensor noise), the device
// (band limit) and finally the level (gain).
enum class Transform {
  time_stretch,
  pitch_shift,
  shift,
  event,
  reverb,
  distance,
  ambience_outdoor,
  ambience_indoor,
  noise,
  band_limit,
  gain,
};

const std::vector<std::string>& transform_names();  // in application order
const std::string& transform_name(Transform t);
// "shift,gain" → {shift, gain}; throws Error for an unknown, repeated or missing name.
std::vector<Transform> parse_transforms(std::string_view list);

// Parameters for `t` drawn at `strength` in [0, 1]: strength 1 spans the settings' full
// range, smaller strengths shrink it towards the identity.
AppliedTransform draw_transform(Transform t, double strength, const AugmentSettings& settings,
                                Rng& rng);

// Applies a transform with its parameters; `seed` feeds the noise-based ones.
Samples apply_transform(const AppliedTransform& t, std::span<const float> x, int sample_rate,
                        const AugmentSettings& settings, uint64_t seed);

// Applies every transform in order, each with its own seed derived from `seed`.
AugmentedClip apply_chain(const std::vector<AppliedTransform>& chain, std::span<const float> x,
                          int sample_rate, const AugmentSettings& settings, uint64_t seed);

}  // namespace esc50::augment
