#include "runs/predictions.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/json_file.h"

namespace esc50::runs {
namespace {

ClipPrediction clip_from_json(const nlohmann::json& j, size_t n_classes, const std::string& where) {
  ClipPrediction clip;
  try {
    clip.stem = j.at("stem").get<std::string>();
    if (!j.is_object() || !j.contains("target")) throw Error(where + ": no target");
    clip.target = json_int(j, "target", where);
    clip.fold = json_int(j, "fold", where);
    clip.probs = j.at("probs").get<std::vector<float>>();
  } catch (const nlohmann::json::exception& e) {
    throw Error(where + ": " + e.what());
  }
  if (clip.target < 0 || size_t(clip.target) >= n_classes)
    throw Error(where + ": target " + std::to_string(clip.target) + " is outside 0.." +
                std::to_string(n_classes - 1));
  if (clip.probs.size() != n_classes)
    throw Error(where + ": " + std::to_string(clip.probs.size()) + " probabilities for " +
                std::to_string(n_classes) + " classes");
  if (!std::all_of(clip.probs.begin(), clip.probs.end(), [](float v) { return std::isfinite(v); }))
    throw Error(where + ": probabilities must be finite numbers");
  return clip;
}

}  // namespace

Predictions predictions_from_json(const nlohmann::json& j, const std::string& source) {
  Predictions p;
  try {
    p.class_names = j.at("class_names").get<std::vector<std::string>>();
    if (!j.at("clips").is_array()) throw Error(source + ": 'clips' must be an array");
  } catch (const nlohmann::json::exception& e) {
    throw Error(source + ": " + e.what());
  }
  if (p.class_names.empty()) throw Error(source + ": 'class_names' is empty");
  const auto& clips = j["clips"];
  p.clips.reserve(clips.size());
  for (size_t i = 0; i < clips.size(); ++i)
    p.clips.push_back(
        clip_from_json(clips[i], p.class_names.size(), source + ": clips[" + std::to_string(i) + "]"));
  return p;
}

nlohmann::json predictions_to_json(const Predictions& predictions) {
  nlohmann::json clips = nlohmann::json::array();
  for (const auto& c : predictions.clips)
    clips.push_back({{"stem", c.stem}, {"target", c.target}, {"fold", c.fold}, {"probs", c.probs}});
  return {{"class_names", predictions.class_names}, {"clips", std::move(clips)}};
}

Predictions read_predictions(const std::filesystem::path& file) {
  return predictions_from_json(read_json_file(file), file.string());
}

void write_predictions(const std::filesystem::path& file, const Predictions& predictions) {
  write_file_atomic(file, predictions_to_json(predictions).dump());
}

Predictions average_predictions(const std::vector<Predictions>& models, const std::vector<std::string>& sources) {
  if (models.empty() || models.size() != sources.size()) throw Error("averaging predictions needs one source per model");
  auto mean = models.front();
  std::map<std::string, ClipPrediction*> by_stem;
  for (auto& clip : mean.clips) by_stem.emplace(clip.stem, &clip);
  const float share = 1.0f / float(models.size());
  for (auto& clip : mean.clips)
    for (auto& p : clip.probs) p *= share;
  for (size_t m = 1; m < models.size(); ++m) {
    const auto& model = models[m];
    if (model.class_names != mean.class_names)
      throw Error(sources[m] + ": class names differ from those of " + sources.front());
    if (model.clips.size() != mean.clips.size())
      throw Error(sources[m] + ": " + std::to_string(model.clips.size()) + " clips, but " + sources.front() +
                  " has " + std::to_string(mean.clips.size()));
    for (const auto& clip : model.clips) {
      const auto it = by_stem.find(clip.stem);
      if (it == by_stem.end() || it->second->target != clip.target)
        throw Error(sources[m] + ": clip " + clip.stem + " is not among the clips of " + sources.front());
      for (size_t c = 0; c < clip.probs.size(); ++c) it->second->probs[c] += share * clip.probs[c];
    }
  }
  return mean;
}

double log_loss(const Predictions& predictions) {
  if (predictions.clips.empty()) return 0;
  double total = 0;
  for (const auto& clip : predictions.clips)
    total -= std::log(std::max(double(clip.probs[size_t(clip.target)]), 1e-12));
  return total / double(predictions.clips.size());
}

int predicted_class(const ClipPrediction& clip) {
  return int(std::max_element(clip.probs.begin(), clip.probs.end()) - clip.probs.begin());
}

}  // namespace esc50::runs
