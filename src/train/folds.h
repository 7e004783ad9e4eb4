#pragma once
// Cross-validation protocols. `official`: the dataset's own folds (ESC-50's five,
// UrbanSound8K's ten). `grouped`: ESC-50's quick protocol when the dataset has one
// (data::Dataset::quick_folds; only the clips it lists take part), else K folds (--folds-k)
// built over the available clips, stratified by class and grouped by src_file (a manifest's
// group column; each file its own group in a class folder).
#include <cstdint>
#include <string>
#include <vector>

#include "data/esc50_meta.h"

namespace esc50::train {

inline constexpr int kDefaultFolds = 5;
inline constexpr int kMaxFolds = 100;

struct FoldAssignment {
  std::string protocol;
  std::vector<int> fold_of_clip;  // per dataset clip: 1..fold_count, or 0 = not in this protocol
  int fold_count = 0;
  std::string source;             // where the folds came from, recorded in config.json
};

const std::vector<std::string>& protocol_names();
// "auto" (the command-line default) is `official` for a dataset with its own folds, else
// `grouped`. Throws Error for `official` on a dataset without folds.
std::string resolve_protocol(const std::string& requested, const data::Dataset& dataset);

// `folds_k`: how many folds `grouped` builds (2..kMaxFolds). Throws Error for an unknown
// protocol or a class with fewer clips than folds.
FoldAssignment assign_folds(const data::Dataset& dataset, const std::string& protocol, uint64_t seed,
                            int folds_k = kDefaultFolds);

// Stratified grouped folds: every src_file lands in exactly one fold; each class's clips
// spread as evenly as its groups allow. Deterministic for a given seed.
std::vector<int> stratified_grouped_folds(const std::vector<int>& targets,
                                          const std::vector<std::string>& groups, int n_folds,
                                          uint64_t seed);

}  // namespace esc50::train
