#pragma once
// Metrics of a whole run set: every fold that has predictions, pooled (a single run is a
// cross-validation of one fold, with a spread of zero).
#include <optional>

#include "eval/cross_validation.h"
#include "runs/run_directory.h"

namespace esc50::eval {

// nullopt when no fold has predictions yet (e.g. training still running).
std::optional<CrossValidationMetrics> evaluate_run_set(const runs::RunSet& set,
                                                       const MetricsOptions& options = {});

// A short name for a run directory: its last path component ("runs/balanced/" → "balanced").
std::string run_name(const std::filesystem::path& dir);
// run_name of each set, with " (2)", " (3)"… appended to repeated names.
std::vector<std::string> run_names(const std::vector<runs::RunSet>& runs);

}  // namespace esc50::eval
