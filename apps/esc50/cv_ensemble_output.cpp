#include "apps/esc50/cv_ensemble_output.h"

#include <fmt/format.h>

namespace esc50::cli {

void print_cv_ensemble(const eval::CvEnsemble& ensemble, size_t members, const std::filesystem::path& out) {
  for (const auto& note : ensemble.notes) fmt::print(stderr, "note: {}\n", note);
  for (const auto& fold : ensemble.summary.folds)
    fmt::print("fold {}: {:.2f} %  (members' training {:.0f} s)\n", fold.fold, 100 * fold.test_acc, fold.seconds);
  fmt::print("ensemble of {} over {} folds: {:.2f} ± {:.2f} % (sample std); members' training {:.0f} s in all -> {}\n",
             members, ensemble.summary.folds.size(), 100 * ensemble.summary.mean_acc, 100 * ensemble.summary.std_acc,
             ensemble.summary.seconds, runs::cv_summary_file(out).string());
}

}  // namespace esc50::cli
