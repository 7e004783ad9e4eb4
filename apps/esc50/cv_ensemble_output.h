#pragma once
// What `esc50 ensemble DIR...` and `esc50 cv --seeds` print about an ensemble of
// cross-validation directories.
#include <filesystem>

#include "eval/ensemble_runs.h"

namespace esc50::cli {

void print_cv_ensemble(const eval::CvEnsemble& ensemble, size_t members, const std::filesystem::path& out);

}  // namespace esc50::cli
