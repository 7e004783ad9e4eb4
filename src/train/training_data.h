#pragma once
// The clips of one protocol as one in-memory tensor: ESC-50 is small (2000 × 64 × 216
// floats = 110 MB), so every epoch reads RAM, never disk.
#include <filesystem>
#include <string>
#include <vector>

#include <torch/types.h>

#include "augment/settings.h"
#include "data/esc50_meta.h"
#include "features/logmel.h"
#include "train/folds.h"

namespace esc50::train {

struct TrainingData {
  torch::Tensor features;  // [N, 1, n_mels, frames] float32 decibels
  std::vector<int64_t> targets;
  std::vector<std::string> stems;
  std::vector<int> folds;  // 1..fold_count
  int fold_count = 0;
  std::vector<std::string> groups;  // source recording: clips that must stay on one side of a split (empty: each clip alone)
  std::vector<std::string> class_names;
  features::FeatureSettings feature_settings;
  // Pre-rendered augmented variants 1..K of every clip (see augment/augment_cache.h):
  // variants[v - 1] has the shape of `features`. Empty without an augmentation policy.
  std::vector<torch::Tensor> variants;

  int64_t size() const { return int64_t(targets.size()); }
  // Indices of the clips in (`in_fold` true) or out of fold `fold`; fold 0 = all clips.
  std::vector<int64_t> indices(int fold, bool in_fold) const;
  // Splits `pool` into (training, validation): about `fraction` of it, stratified by class
  // and grouped by source recording, goes to validation. Deterministic for a seed.
  std::pair<std::vector<int64_t>, std::vector<int64_t>> carve_validation(const std::vector<int64_t>& pool,
                                                                         double fraction, uint64_t seed) const;
};

// Computes missing cache entries (on `threads` workers), renders the augmented variants of
// `augment` (policy other than none), then loads the clips that take part in the protocol.
TrainingData load_training_data(const data::Dataset& dataset, const FoldAssignment& folds,
                                const features::FeatureSettings& settings,
                                const augment::AugmentSettings& augment,
                                const std::filesystem::path& cache_dir, int threads,
                                bool show_progress);

}  // namespace esc50::train
