#pragma once
// Cross-validation protocols. `official`: ESC-50's five folds. `grouped`: the quick protocol,
// read from meta/subset-folds.csv when present (only the clips it lists take part), else
// built over the available clips, stratified by class and grouped by src_file.
#include <cstdint>
#include <string>
#include <vector>

#include "data/esc50_meta.h"

namespace esc50::train {

inline constexpr int kNumFolds = 5;

struct FoldAssignment {
  std::string protocol;
  std::vector<int> fold_of_clip;  // per dataset clip: 1..5, or 0 = not in this protocol
  std::string source;             // where the folds came from, recorded in config.json
};

const std::vector<std::string>& protocol_names();

// Throws Error for an unknown protocol or a malformed subset-folds.csv.
FoldAssignment assign_folds(const data::Esc50Dataset& dataset, const std::string& protocol,
                            uint64_t seed);

// Stratified grouped folds: every src_file lands in exactly one fold; each class's clips
// spread as evenly as its groups allow. Deterministic for a given seed.
std::vector<int> stratified_grouped_folds(const std::vector<int>& targets,
                                          const std::vector<std::string>& groups, int n_folds,
                                          uint64_t seed);

}  // namespace esc50::train
