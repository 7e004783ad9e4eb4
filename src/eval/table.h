#pragma once
// Plain-text tables of metrics for the terminal.
#include <string>

#include "eval/cross_validation.h"
#include "eval/metrics.h"

namespace esc50::eval {

// Summary, per-class table, per-category accuracy and the most-confused pairs.
std::string format_metrics(const Metrics& metrics);
// Per-fold accuracies with mean ± std, then format_metrics of the pooled folds.
std::string format_cv_metrics(const CrossValidationMetrics& cv);

}  // namespace esc50::eval
