#pragma once
// Held-out predictions recomputed from a run's model.esc50 (for `esc50 evaluate --data`),
// through the torch-free Classifier API, optionally with test-time augmentation or after a
// robustness perturbation.
#include <filesystem>
#include <vector>

#include "data/esc50_meta.h"
#include "runs/predictions.h"
#include "runs/run_directory.h"
#include "engine/classifier.h"

namespace esc50::eval {

struct ModelPredictionOptions {
  int tta_views = 1;  // time-shifted views averaged per clip
  int threads = 1;    // clips classified in parallel
  bool progress = true;
  // A robustness perturbation (augment/perturbations.h) applied to every clip before
  // classifying it, seeded per clip from `seed`; empty = the clips as they are.
  std::string perturbation;
  uint64_t seed = 0;
};

// The clips `run` held out: those named in its predictions.json when there is one, else the
// clips of its fold under the official protocol. Throws Error when neither can be told.
std::vector<data::Clip> held_out_clips(const runs::Run& run, const data::Dataset& dataset);

// Throws Error when the model's class names differ from the dataset's.
runs::Predictions predict_clips(const engine::Classifier& classifier,
                          const std::vector<data::Clip>& clips,
                          const std::vector<std::string>& class_names,
                          const ModelPredictionOptions& options);

}  // namespace esc50::eval
