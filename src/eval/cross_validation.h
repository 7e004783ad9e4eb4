#pragma once
// Cross-validation summary: every held-out fold pooled into one set of metrics, plus the
// spread of the per-fold accuracies (the figure papers quote as mean ± std).
#include <vector>

#include "eval/metrics.h"

namespace esc50::eval {

struct FoldResult {
  int fold = 0;
  Metrics metrics;
};

struct CrossValidationMetrics {
  Metrics pooled;  // over the union of all held-out clips
  std::vector<FoldResult> folds;
  double mean_accuracy = 0;
  double std_accuracy = 0;  // sample std over folds (common/statistics.h)
};

struct FoldPredictions {
  int fold = 0;
  runs::Predictions predictions;
};

// Throws Error when there are no folds or their class names differ.
CrossValidationMetrics compute_cv_metrics(const std::vector<FoldPredictions>& folds,
                                          const MetricsOptions& options = {});

}  // namespace esc50::eval
