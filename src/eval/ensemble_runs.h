#pragma once
// `esc50 ensemble` of cross-validation directories: the same folds trained again with other
// seeds, averaged into one cross-validation directory that report, evaluate and serve read
// like any other. Each fold-<K>/ gets the mean probabilities, their accuracy and loss, the
// members' models as one ensemble model file, and the members' training time summed (the
// ensemble's cost). The held-out clips are only scored, as in every run: nothing is chosen
// on them.
#include <filesystem>
#include <string>
#include <vector>

#include "runs/run_directory.h"

namespace esc50::eval {

struct CvEnsemble {
  runs::CvSummary summary;
  std::vector<std::string> notes;  // folds left out because a member has not finished them
};

// Throws Error naming `out` when it holds runs or cross-validation folds that are not an
// ensemble (an earlier ensemble may be rewritten; trained runs would be lost).
void require_ensemble_destination(const std::filesystem::path& out);

// Throws Error as require_ensemble_destination does; naming the directory that is not a
// cross-validation directory, or the file whose classes, clips or model do not match the first
// member's; and when no fold is finished in every member.
CvEnsemble write_cv_ensemble(const std::filesystem::path& out, const std::vector<std::filesystem::path>& members);

}  // namespace esc50::eval
