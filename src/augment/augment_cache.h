#pragma once
// Pre-rendered augmentation. Waveform transforms (Rubber Band above all) are too slow to redo
// every epoch on 2 cores, so `esc50 features --augment-cache K --augment POLICY` renders K
// augmented variants of every clip once into the FeatureCache, under cache_tag(settings).
//
// Each epoch the trainer picks, per training sample, which entry to read:
//
//   int v = choose_variant(policy, target, settings, mix_seed(run_seed, epoch, index));
//   auto spec = v == 0 ? cache.load(stem) : cache.load(stem, cache_tag(settings), v);
//
// v == 0 is the clean clip, chosen with probability 1 - policy.probability(target). Variants
// 1..K are rendered at strength levels: variant v has level (v - 1) % L of L =
// strength_levels(policy, settings), strength (level + 1) / L. For adaptive, the chosen level
// is rounded stochastically between the two levels around policy.strength(target), so the
// expected strength equals the class's strength; other policies have a single level at 1.
#include <cstdint>
#include <string>

#include "augment/policy.h"
#include "data/esc50_meta.h"
#include "data/feature_cache.h"

namespace esc50::augment {

// FeatureCache tag of the rendered variants: the policy name and a hash of every setting
// that changes the rendering, so a changed setting never reads stale variants.
std::string cache_tag(const AugmentSettings& settings);

int strength_levels(const Policy& policy, const AugmentSettings& settings);
// Strength at which variant v (1..K) is rendered.
double variant_strength(int variant, int levels);
// The seed variant v of clip `stem` is rendered with (stable across runs and machines).
uint64_t variant_seed(const AugmentSettings& settings, const std::string& stem, int variant);

// 0 (clean) or a variant 1..settings.cache_variants, as described above.
int choose_variant(const Policy& policy, int target, const AugmentSettings& settings,
                   uint64_t seed);

struct AugmentCacheStats {
  size_t rendered = 0;
  size_t reused = 0;
  double seconds = 0;
};

// Renders every missing variant (clip × 1..K) on `threads` workers with a progress bar.
// `extractor` must have the settings `cache` was opened with.
AugmentCacheStats build_augment_cache(const data::Dataset& dataset,
                                      const data::FeatureCache& cache,
                                      const features::LogMelExtractor& extractor,
                                      const Policy& policy, const AugmentSettings& settings,
                                      int threads, bool show_progress);

}  // namespace esc50::augment
