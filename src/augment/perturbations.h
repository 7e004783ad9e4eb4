#pragma once
// The robustness benchmark's perturbations (`esc50 evaluate --perturb NAME`): fixed, seeded
// stand-ins for recordings unlike ESC-50's, applied to a held-out clip before classifying it.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "augment/transforms.h"

namespace esc50::augment {

struct Perturbation {
  std::string name;
  std::string description;
};
// short_event, noise, telephone, quiet, room.
const std::vector<Perturbation>& perturbations();

// Throws Error for an unknown name. The output has the input's length.
Samples perturb(const std::string& name, std::span<const float> x, int sample_rate, uint64_t seed);

}  // namespace esc50::augment
