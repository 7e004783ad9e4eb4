#include "eval/model_predictions.h"

#include <map>

#include "audio/audio.h"
#include "augment/perturbations.h"
#include "augment/policy.h"
#include "common/error.h"
#include "common/parallel.h"
#include "common/progress.h"
#include "eval/tta.h"

namespace esc50::eval {

std::vector<data::Clip> held_out_clips(const runs::Run& run, const data::Dataset& dataset) {
  std::vector<data::Clip> clips;
  if (run.predictions) {
    std::map<std::string, const data::Clip*> by_stem;
    for (const auto& c : dataset.clips) by_stem[c.stem()] = &c;
    for (const auto& p : run.predictions->clips) {
      const auto found = by_stem.find(p.stem);
      if (found == by_stem.end())
        fail_file(dataset.root, "has no audio for held-out clip " + p.stem + " of " + run.paths.dir.string());
      clips.push_back(*found->second);
    }
    return clips;
  }
  if (run.config.value("protocol", "") != "official" || run.fold == 0)
    fail_file(run.paths.dir, "has no predictions.json naming its held-out clips, and only the official "
                       "protocol's folds can be rebuilt from the dataset");
  for (const auto& c : dataset.clips)
    if (c.fold == run.fold) clips.push_back(c);
  return clips;
}

namespace {

features::Spectrogram clip_spectrogram(const data::Clip& clip, size_t index, const features::LogMelExtractor& extractor,
                                       const ModelPredictionOptions& options) {
  if (options.perturbation.empty()) return features::extract_clip(clip.path, extractor);
  const auto& s = extractor.settings();
  const auto wave = audio::load_clip(clip.path, {.sample_rate = s.sample_rate, .duration_s = s.clip_seconds});
  return extractor.compute(
      augment::perturb(options.perturbation, wave.samples, wave.sample_rate, augment::mix_seed(options.seed, index)));
}

}  // namespace

runs::Predictions predict_clips(const engine::Classifier& classifier, const std::vector<data::Clip>& clips,
                          const std::vector<std::string>& class_names,
                          const ModelPredictionOptions& options) {
  if (classifier.info().class_names != class_names)
    throw Error("the model's class names differ from the dataset's");
  runs::Predictions out{class_names, std::vector<runs::ClipPrediction>(clips.size())};
  ProgressBar progress("classifying", clips.size(), options.progress);
  parallel_for(clips.size(), options.threads, [&](size_t i) {
    const auto spectrogram = clip_spectrogram(clips[i], i, classifier.extractor(), options);
    const auto windows = tta_windows(spectrogram, classifier.window_frames(), options.tta_views);
    out.clips[i] = {clips[i].stem(), clips[i].target, clips[i].fold,
                    mean_probabilities(classifier.predict(windows))};
    progress.advance();
  });
  progress.finish();
  return out;
}

}  // namespace esc50::eval
