#include "eval/cross_validation.h"

#include <cmath>

#include "common/error.h"

namespace esc50::eval {

CrossValidationMetrics compute_cv_metrics(const std::vector<FoldPredictions>& folds,
                                          const MetricsOptions& options) {
  if (folds.empty()) throw Error("cross-validation needs at least one fold with predictions");
  CrossValidationMetrics cv;
  Predictions pooled{folds.front().predictions.class_names, {}};
  for (const auto& f : folds) {
    if (f.predictions.class_names != pooled.class_names)
      throw Error("fold " + std::to_string(f.fold) +
                  ": class names differ from the first fold's; cannot pool the folds");
    pooled.clips.insert(pooled.clips.end(), f.predictions.clips.begin(), f.predictions.clips.end());
    cv.folds.push_back({f.fold, compute_metrics(f.predictions, options)});
  }
  cv.pooled = compute_metrics(pooled, options);
  for (const auto& f : cv.folds) cv.mean_accuracy += f.metrics.accuracy;
  cv.mean_accuracy /= double(cv.folds.size());
  double squares = 0;
  for (const auto& f : cv.folds) squares += std::pow(f.metrics.accuracy - cv.mean_accuracy, 2);
  cv.std_accuracy = std::sqrt(squares / double(cv.folds.size()));
  return cv;
}

}  // namespace esc50::eval
