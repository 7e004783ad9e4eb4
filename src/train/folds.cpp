#include "train/folds.h"

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "common/error.h"

namespace esc50::train {
const std::vector<std::string>& protocol_names() {
  static const std::vector<std::string> names = {"official", "grouped"};
  return names;
}

std::vector<int> stratified_grouped_folds(const std::vector<int>& targets,
                                          const std::vector<std::string>& groups, int n_folds,
                                          uint64_t seed) {
  // A group's class is that of its first clip (ESC-50 src_files never span classes).
  std::map<std::string, std::vector<size_t>> members;
  for (size_t i = 0; i < targets.size(); ++i) members[groups[i]].push_back(i);
  std::map<int, std::vector<const std::vector<size_t>*>> groups_of_class;
  for (const auto& [name, clips] : members) groups_of_class[targets[clips.front()]].push_back(&clips);

  std::mt19937_64 rng(seed);
  std::vector<int> fold_of(targets.size(), 0);
  std::vector<size_t> fold_total(n_folds, 0);
  for (auto& [target, class_groups] : groups_of_class) {
    // Random order, then largest first (stable), so ties between equal sizes are seeded.
    std::shuffle(class_groups.begin(), class_groups.end(), rng);
    std::stable_sort(class_groups.begin(), class_groups.end(),
                     [](auto* a, auto* b) { return a->size() > b->size(); });
    std::vector<size_t> fold_class(n_folds, 0);
    for (const auto* group : class_groups) {
      int best = 0;
      for (int f = 1; f < n_folds; ++f) {
        if (std::pair(fold_class[f], fold_total[f]) < std::pair(fold_class[best], fold_total[best]))
          best = f;
      }
      for (size_t i : *group) fold_of[i] = best + 1;
      fold_class[best] += group->size();
      fold_total[best] += group->size();
    }
  }
  return fold_of;
}

std::string resolve_protocol(const std::string& requested, const data::Dataset& dataset) {
  if (requested == "auto") return dataset.has_folds ? "official" : "grouped";
  if (requested == "official" && !dataset.has_folds)
    throw Error(dataset.source.string() + ": the dataset has no folds of its own; use --protocol grouped "
                "(stratified by class, grouped) or give the manifest a fold column");
  return requested;
}

FoldAssignment assign_folds(const data::Dataset& dataset, const std::string& protocol, uint64_t seed,
                            int folds_k) {
  FoldAssignment a{protocol, {}, 0, {}};
  if (protocol == "official") {
    if (!dataset.has_folds) throw Error(dataset.source.string() + ": the dataset has no folds of its own");
    for (const auto& c : dataset.clips) {
      a.fold_of_clip.push_back(c.fold);
      a.fold_count = std::max(a.fold_count, c.fold);
    }
    a.source = dataset.layout == "esc50" ? "meta/esc50.csv fold column" : "the manifest's fold column";
    return a;
  }
  if (protocol != "grouped") throw Error("unknown protocol '" + protocol + "' (official, grouped)");
  if (!dataset.quick_folds.empty()) {
    for (const auto& c : dataset.clips) a.fold_of_clip.push_back(c.quick_fold);
    a.fold_count = data::kQuickProtocolFolds;
    a.source = dataset.quick_folds.string();
    return a;
  }
  if (folds_k < 2 || folds_k > kMaxFolds)
    throw Error("--folds-k " + std::to_string(folds_k) + ": the grouped protocol needs 2.." +
                std::to_string(kMaxFolds) + " folds");
  std::vector<int> targets;
  std::vector<std::string> groups;
  std::vector<size_t> per_class(dataset.class_names.size(), 0);
  std::vector<std::set<std::string>> groups_of_class(dataset.class_names.size());
  for (const auto& c : dataset.clips) {
    targets.push_back(c.target);
    groups.push_back(c.src_file);
    ++per_class[size_t(c.target)];
    groups_of_class[size_t(c.target)].insert(c.src_file);
  }
  for (size_t k = 0; k < per_class.size(); ++k) {
    if (per_class[k] < size_t(folds_k))
      throw Error(dataset.source.string() + ": class '" + dataset.class_names[k] + "' has " +
                  std::to_string(per_class[k]) + " clips, fewer than the " + std::to_string(folds_k) +
                  " folds of the grouped protocol (see --folds-k)");
    // Its one group lands in one fold, whose training would never see the class.
    if (groups_of_class[k].size() == 1)
      throw Error(dataset.source.string() + ": every clip of class '" + dataset.class_names[k] +
                  "' comes from one recording (group '" + *groups_of_class[k].begin() +
                  "'), so the grouped protocol's fold that holds it out would train without the class; give "
                  "the class clips of two or more recordings, or the manifest a fold column");
  }
  a.fold_of_clip = stratified_grouped_folds(targets, groups, folds_k, seed);
  a.fold_count = folds_k;
  a.source = std::to_string(folds_k) + " folds stratified by class, grouped by src_file, seed " + std::to_string(seed);
  return a;
}

}  // namespace esc50::train
