#pragma once
// Batch-level transforms on log-mel tensors [B, 1, n_mels, frames] (decibels), drawn from an
// explicit generator so a batch depends only on its seed (resume reproduces it exactly).
#include <cstdint>
#include <random>

#include <torch/types.h>

namespace esc50::train {

// The batch transforms draw through std:: distributions (common/rng.h's Rng is for the
// waveform transforms, whose output must match on every machine).
using BatchRng = std::mt19937_64;

// Each clip gets its own random window of `frames` frames (no-op when frames >= length).
torch::Tensor random_time_crop(const torch::Tensor& batch, int frames, BatchRng& rng);

struct SpecAugmentSettings {
  int freq_masks = 0;
  int freq_mask_width = 0;  // widths are drawn uniformly from 0..width
  int time_masks = 0;
  int time_mask_width = 0;
};
// SpecAugment (Park et al. 2019) without time warping: bands and frame ranges are set to
// the clip's mean level, so masks look like "no information" rather than silence.
void spec_augment_(torch::Tensor& batch, const SpecAugmentSettings& settings, BatchRng& rng);

struct FilterAugmentSettings {
  double max_db = 0;  // 0 = off
  int max_bands = 0;  // each clip's filter has 2..max_bands bands
};
// FilterAugment (Nam et al. 2022), linear type: each clip passes through its own random
// filter, a gain in decibels drawn from ±max_db at each band edge and interpolated linearly
// across the mel bands between them, so the network meets recording chains and rooms that
// colour the spectrum differently. It draws nothing from `rng` when off.
void filter_augment_(torch::Tensor& batch, const FilterAugmentSettings& settings, BatchRng& rng);

// Target distributions: (1 - smoothing) on the true class, smoothing spread over all.
torch::Tensor smoothed_targets(const torch::Tensor& targets, int n_classes, double smoothing);

struct MixupSettings {
  double alpha = 0;  // lambda ~ Beta(alpha, alpha); 0 = no mixing
  // false: mix the log-mel values (mixup). true: mix the clips as sounds, as adding their
  // waveforms in the amplitude ratio lambda : 1 - lambda would (between-class learning,
  // Tokozume et al. 2018): mel powers weighted lambda² and (1 - lambda)², back to decibels
  // relative to the mix's own maximum and floored `top_db` below it, like the features.
  bool as_sounds = false;
  double top_db = 80;  // 0 = no floor
};

// One lambda per batch, partner clips from a random permutation; inputs and target
// distributions are mixed alike (the targets linearly, in lambda : 1 - lambda).
void mixup_(torch::Tensor& batch, torch::Tensor& target_probs, const MixupSettings& settings, BatchRng& rng);

// Cross-entropy against target distributions, averaged over the batch (fp32 math).
torch::Tensor soft_cross_entropy(const torch::Tensor& logits, const torch::Tensor& target_probs);

// A seed for (run seed, epoch, stream) that is well mixed (splitmix64).
uint64_t derive_seed(uint64_t seed, uint64_t a, uint64_t b = 0);

}  // namespace esc50::train
