#include "eval/cross_validation.h"

#include "common/statistics.h"

#include <cmath>

#include "common/error.h"

namespace esc50::eval {

CrossValidationMetrics compute_cv_metrics(const std::vector<FoldPredictions>& folds,
                                          const MetricsOptions& options) {
  if (folds.empty()) throw Error("cross-validation needs at least one fold with predictions");
  CrossValidationMetrics cv;
  runs::Predictions pooled{folds.front().predictions.class_names, {}};
  for (const auto& f : folds) {
    if (f.predictions.class_names != pooled.class_names)
      throw Error("fold " + std::to_string(f.fold) +
                  ": class names differ from the first fold's; cannot pool the folds");
    pooled.clips.insert(pooled.clips.end(), f.predictions.clips.begin(), f.predictions.clips.end());
    cv.folds.push_back({f.fold, compute_metrics(f.predictions, options)});
  }
  cv.pooled = compute_metrics(pooled, options);
  std::vector<double> accuracies;
  for (const auto& f : cv.folds) accuracies.push_back(f.metrics.accuracy);
  const auto spread = mean_and_sample_std(accuracies);
  cv.mean_accuracy = spread.mean;
  cv.std_accuracy = spread.std;
  return cv;
}

}  // namespace esc50::eval
