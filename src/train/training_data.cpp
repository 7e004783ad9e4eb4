#include "train/training_data.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <set>

#include "augment/augment_cache.h"
#include "common/error.h"
#include "data/feature_cache.h"

namespace esc50::train {

std::vector<int64_t> TrainingData::indices(int fold, bool in_fold) const {
  std::vector<int64_t> out;
  for (int64_t i = 0; i < size(); ++i)
    if (fold == 0 || (folds[size_t(i)] == fold) == in_fold) out.push_back(i);
  return out;
}

std::pair<std::vector<int64_t>, std::vector<int64_t>> TrainingData::carve_validation(
    const std::vector<int64_t>& pool, double fraction, uint64_t seed) const {
  if (fraction <= 0) return {pool, {}};
  std::vector<int> pool_targets;
  std::vector<std::string> pool_groups;
  for (auto i : pool) {
    pool_targets.push_back(int(targets[size_t(i)]));
    pool_groups.push_back(groups.empty() ? stems[size_t(i)] : groups[size_t(i)]);  // ungrouped: each clip alone
  }
  // One part of round(1 / fraction) stratified grouped parts is the validation split; no more
  // parts than groups, so a tiny fraction cannot ask for billions of empty ones.
  const std::set<std::string> distinct(pool_groups.begin(), pool_groups.end());
  const double most = double(std::max<size_t>(2, distinct.size()));
  const int parts = int(std::clamp(std::round(1.0 / fraction), 2.0, most));
  const auto part = stratified_grouped_folds(pool_targets, pool_groups, parts, seed);
  std::pair<std::vector<int64_t>, std::vector<int64_t>> split;
  for (size_t j = 0; j < pool.size(); ++j) (part[j] == 1 ? split.second : split.first).push_back(pool[j]);
  return split;
}

namespace {

torch::Tensor stack_spectrograms(const std::vector<features::Spectrogram>& specs) {
  auto out = torch::empty({int64_t(specs.size()), 1, specs[0].n_mels, specs[0].n_frames});
  for (size_t i = 0; i < specs.size(); ++i)
    std::memcpy(out[int64_t(i)].data_ptr<float>(), specs[i].values.data(),
                specs[i].values.size() * sizeof(float));
  return out;
}

// An entry of the shape of `like` (when given): a stacked tensor takes its size from the first.
features::Spectrogram load_entry(const data::FeatureCache& cache, const std::string& stem,
                                 const std::string& tag, int variant, const features::Spectrogram* like) {
  auto spec = cache.load(stem, tag, variant);
  if (!spec) fail_file(cache.entry_path(stem, tag, variant), "feature cache entry is missing or unreadable");
  if (like && (spec->n_mels != like->n_mels || spec->n_frames != like->n_frames))
    fail_file(cache.entry_path(stem, tag, variant),
              fmt::format("spectrogram is {} × {}, the other clips {} × {}", spec->n_mels, spec->n_frames,
                          like->n_mels, like->n_frames));
  return std::move(*spec);
}

// Renders what is missing or stored from another version of its clip, then loads variants 1..K of the given clips.
std::vector<torch::Tensor> load_variants(const data::Dataset& dataset, const data::FeatureCache& cache,
                                         const augment::AugmentSettings& augment,
                                         const std::vector<std::string>& stems, const features::Spectrogram& like,
                                         int threads, bool show_progress) {
  if (augment.policy == "none") return {};
  const auto policy = augment::make_policy(augment, dataset.class_names);
  features::LogMelExtractor extractor(cache.settings());
  augment::build_augment_cache(dataset, cache, extractor, *policy, augment, threads, show_progress);
  std::vector<torch::Tensor> variants;
  const auto tag = augment::cache_tag(augment);
  for (int v = 1; v <= augment.cache_variants; ++v) {
    std::vector<features::Spectrogram> specs;
    for (const auto& stem : stems) specs.push_back(load_entry(cache, stem, tag, v, &like));
    variants.push_back(stack_spectrograms(specs));
  }
  return variants;
}

// The clips the protocol uses (the quick protocol uses 400 of the 2000): only these are
// decoded and augmented.
data::Dataset protocol_clips(const data::Dataset& dataset, const FoldAssignment& folds) {
  data::Dataset used = dataset;
  used.clips.clear();
  for (size_t i = 0; i < dataset.clips.size(); ++i)
    if (folds.fold_of_clip[i] != 0) used.clips.push_back(dataset.clips[i]);
  return used;
}

}  // namespace

TrainingData load_training_data(const data::Dataset& dataset, const FoldAssignment& folds,
                                const features::FeatureSettings& settings,
                                const augment::AugmentSettings& augment,
                                const std::filesystem::path& cache_dir, int threads,
                                bool show_progress) {
  data::FeatureCache cache(cache_dir, settings);
  const auto used = protocol_clips(dataset, folds);
  data::build_feature_cache(used, cache, threads, show_progress);
  TrainingData data;
  data.class_names = dataset.class_names;
  data.feature_settings = settings;
  data.fold_count = folds.fold_count;
  std::vector<features::Spectrogram> specs;
  for (size_t i = 0; i < dataset.clips.size(); ++i) {
    if (folds.fold_of_clip[i] == 0) continue;
    const auto& clip = dataset.clips[i];
    specs.push_back(load_entry(cache, clip.stem(), {}, 0, specs.empty() ? nullptr : &specs.front()));
    data.targets.push_back(clip.target);
    data.stems.push_back(clip.stem());
    data.folds.push_back(folds.fold_of_clip[i]);
    data.groups.push_back(clip.src_file.empty() ? clip.stem() : clip.src_file);
  }
  if (specs.empty()) throw Error(dataset.root.string() + ": no clips of protocol '" + folds.protocol + "' on disk");
  data.features = stack_spectrograms(specs);
  data.variants = load_variants(used, cache, augment, data.stems, specs.front(), threads, show_progress);
  return data;
}

}  // namespace esc50::train
