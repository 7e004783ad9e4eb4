#pragma once
// Held-out predictions of one model: the run directory's predictions.json (see
// docs/run-directory.md), the only input the metrics need.
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace esc50::runs {

struct ClipPrediction {
  std::string stem;          // clip file name without extension, e.g. "1-100032-A-0"
  int target = 0;            // true class index
  int fold = 0;              // fold the clip was held out in
  std::vector<float> probs;  // one probability per class
};

struct Predictions {
  std::vector<std::string> class_names;
  std::vector<ClipPrediction> clips;
};

// Throws Error naming `source` when the JSON does not follow the contract (wrong types,
// probability rows of the wrong length, targets outside the class range).
Predictions predictions_from_json(const nlohmann::json& j, const std::string& source);
nlohmann::json predictions_to_json(const Predictions& predictions);

Predictions read_predictions(const std::filesystem::path& file);
void write_predictions(const std::filesystem::path& file, const Predictions& predictions);

// The mean probabilities of several models for the same held-out clips, matched by stem, in
// the first's order. Throws Error naming the source (one per model) whose class names or clips
// differ from the first's.
Predictions average_predictions(const std::vector<Predictions>& models, const std::vector<std::string>& sources);

// Mean negative log-probability of the true class: the cross-entropy the trainer reports.
double log_loss(const Predictions& predictions);

// Index of the highest probability; the first one on ties, so results are deterministic.
int predicted_class(const ClipPrediction& clip);

}  // namespace esc50::runs
