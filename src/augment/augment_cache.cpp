#include "augment/augment_cache.h"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <filesystem>

#include <fmt/format.h>

#include "audio/audio.h"
#include "common/hash.h"
#include "common/parallel.h"
#include "common/progress.h"
#include "common/rng.h"

namespace esc50::augment {

std::string cache_tag(const AugmentSettings& settings) {
  // Settings that only steer the per-epoch choice (probabilities, adaptive dynamics, K)
  // leave the rendered variants valid, so they stay out of the hash.
  auto rendering = augment_params().to_json(settings);
  for (const auto* key : {"probability", "cache_variants", "adaptive_rate",
                          "adaptive_initial_strength", "adaptive_min_strength",
                          "adaptive_max_strength", "adaptive_min_probability",
                          "adaptive_max_probability"})
    rendering.erase(key);
  // FeatureCache appends the variant number: "-v" keeps it apart from the hash digits.
  return fmt::format("{}-{:08x}-v", settings.policy, fnv1a(rendering.dump()) & 0xffffffffULL);
}

int strength_levels(const Policy& policy, const AugmentSettings& settings) {
  return policy.adapts() ? std::max(1, std::min(settings.strength_levels, settings.cache_variants))
                         : 1;
}

double variant_strength(int variant, int levels) {
  return double((variant - 1) % levels + 1) / levels;
}

uint64_t variant_seed(const AugmentSettings& settings, const std::string& stem, int variant) {
  return mix_seed(uint64_t(settings.seed), fnv1a(stem), uint64_t(variant));
}

int choose_variant(const Policy& policy, int target, const AugmentSettings& settings,
                   uint64_t seed) {
  const int k = settings.cache_variants;
  Rng rng(seed);
  if (k == 0 || !rng.chance(policy.probability(target))) return 0;
  const int levels = strength_levels(policy, settings);
  // Stochastic rounding between the two levels around the class's strength.
  const double x = std::clamp(policy.strength(target) * levels - 1.0, 0.0, double(levels - 1));
  const int below = int(std::floor(x));
  const int level = std::min(levels - 1, below + (rng.chance(x - below) ? 1 : 0));
  const int count = (k - (level + 1)) / levels + 1;  // variants level+1, level+1+L, ... <= K
  return level + 1 + levels * rng.below(count);
}

AugmentCacheStats build_augment_cache(const data::Dataset& dataset,
                                      const data::FeatureCache& cache,
                                      const features::LogMelExtractor& extractor,
                                      const Policy& policy, const AugmentSettings& settings,
                                      int threads, bool show_progress) {
  const auto start = std::chrono::steady_clock::now();
  const std::string tag = cache_tag(settings);
  const int k = settings.cache_variants;
  const int levels = strength_levels(policy, settings);
  const auto& fs = extractor.settings();
  const audio::ClipOptions clip_options{fs.sample_rate, fs.clip_seconds};
  std::atomic<size_t> rendered = 0, reused = 0;
  ProgressBar progress("augment " + tag, dataset.clips.size(), show_progress);
  parallel_for(dataset.clips.size(), threads, [&](size_t i) {
    const auto& clip = dataset.clips[i];
    const std::string stem = clip.stem();
    std::optional<audio::Waveform> wave;  // decoded only when a variant is missing
    for (int v = 1; v <= k; ++v) {
      if (cache.has_current(stem, clip.path, tag, v)) {
        ++reused;
        continue;
      }
      if (!wave) wave = audio::load_clip(clip.path, clip_options);
      const auto out = policy.augment(wave->samples, wave->sample_rate, clip.target,
                                      variant_seed(settings, stem, v),
                                      variant_strength(v, levels));
      cache.store(stem, extractor.compute(out.samples), tag, v, clip.path);
      ++rendered;
    }
    progress.advance();
  });
  progress.finish();
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return {rendered.load(), reused.load(), seconds};
}

}  // namespace esc50::augment
