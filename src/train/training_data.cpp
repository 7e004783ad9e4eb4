#include "train/training_data.h"

#include <cstring>

#include "common/error.h"
#include "data/feature_cache.h"

namespace esc50::train {

std::vector<int64_t> TrainingData::indices(int fold, bool in_fold) const {
  std::vector<int64_t> out;
  for (int64_t i = 0; i < size(); ++i)
    if (fold == 0 || (folds[size_t(i)] == fold) == in_fold) out.push_back(i);
  return out;
}

TrainingData load_training_data(const data::Esc50Dataset& dataset, const FoldAssignment& folds,
                                const features::FeatureSettings& settings,
                                const std::filesystem::path& cache_dir, int threads,
                                bool show_progress) {
  data::FeatureCache cache(cache_dir, settings);
  data::build_feature_cache(dataset, cache, threads, show_progress);
  TrainingData data;
  data.class_names = dataset.class_names;
  data.feature_settings = settings;
  std::vector<features::Spectrogram> specs;
  for (size_t i = 0; i < dataset.clips.size(); ++i) {
    if (folds.fold_of_clip[i] == 0) continue;
    const auto& clip = dataset.clips[i];
    auto spec = cache.load(clip.stem());
    if (!spec) fail_file(cache.entry_path(clip.stem()), "feature cache entry is missing or unreadable");
    if (!specs.empty() && (spec->n_mels != specs[0].n_mels || spec->n_frames != specs[0].n_frames))
      fail_file(cache.entry_path(clip.stem()), "spectrogram shape differs from the other clips");
    specs.push_back(std::move(*spec));
    data.targets.push_back(clip.target);
    data.stems.push_back(clip.stem());
    data.folds.push_back(folds.fold_of_clip[i]);
  }
  if (specs.empty()) throw Error(dataset.root.string() + ": no clips of protocol '" + folds.protocol + "' on disk");
  data.features = torch::empty({int64_t(specs.size()), 1, specs[0].n_mels, specs[0].n_frames});
  for (size_t i = 0; i < specs.size(); ++i)
    std::memcpy(data.features[int64_t(i)].data_ptr<float>(), specs[i].values.data(),
                specs[i].values.size() * sizeof(float));
  return data;
}

}  // namespace esc50::train
