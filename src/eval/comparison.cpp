#include "eval/comparison.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>

#include "common/csv.h"
#include "common/error.h"
#include "common/statistics.h"

namespace esc50::eval {

double student_t_95(int degrees_of_freedom) {
  static constexpr std::array<double, 30> kTable = {
      12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228,
      2.201,  2.179, 2.160, 2.145, 2.131, 2.120, 2.110, 2.101, 2.093, 2.086,
      2.080,  2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
  if (degrees_of_freedom < 1) throw Error("Student's t needs at least one degree of freedom");
  if (degrees_of_freedom <= int(kTable.size())) return kTable[size_t(degrees_of_freedom - 1)];
  const double df = degrees_of_freedom;
  return 1.96 + 2.372 / df + 2.82 / (df * df);  // within 2e-4 of the exact quantile beyond 30
}

PairedDifference paired_difference(const CrossValidationMetrics& baseline, const CrossValidationMetrics& run) {
  std::map<int, const FoldResult*> baseline_fold;
  int baseline_clips = 0;
  for (const auto& f : baseline.folds) {
    baseline_fold[f.fold] = &f;
    baseline_clips += f.metrics.clips;
  }
  std::map<int, double> differences;
  double test_to_train = 0;  // summed over the folds in common
  for (const auto& f : run.folds)
    if (const auto b = baseline_fold.find(f.fold); b != baseline_fold.end()) {
      differences[f.fold] = f.metrics.accuracy - b->second->metrics.accuracy;
      const int held_out = b->second->metrics.clips;
      test_to_train += baseline_clips > held_out ? double(held_out) / (baseline_clips - held_out) : 1.0;
    }
  PairedDifference out;
  for (const auto& [fold, difference] : differences) {
    out.folds.push_back(fold);
    out.differences.push_back(difference);
  }
  const auto spread = mean_and_sample_std(out.differences);
  out.mean = spread.mean;
  out.std = spread.std;
  const auto n = out.differences.size();
  // Nadeau and Bengio's correction: the folds' training sets overlap, so their differences are
  // correlated and std / sqrt(n) understates the spread of the mean; the variance factor
  // 1/n + n_test/n_train widens the interval (1.5x for five folds). n_train counts the clips of
  // the baseline's other folds, so a CV with folds missing gets a wider, not a narrower, interval.
  out.half_width = n < 2 ? std::numeric_limits<double>::infinity()
                         : student_t_95(int(n) - 1) * out.std *
                               std::sqrt(1.0 / double(n) + test_to_train / double(n));
  out.inside_noise = std::abs(out.mean) <= out.half_width;
  return out;
}

std::string verdict(const PairedDifference& d) {
  if (d.folds.empty()) return "no folds in common";
  if (!std::isfinite(d.half_width)) return "one fold in common: no interval";
  if (d.inside_noise) return "inside the noise";
  return d.mean > 0 ? "better" : "worse";
}

ClassGroup parse_class_group(std::string_view text) {
  const auto malformed = [&](std::string_view why) {
    return Error("class group \"" + std::string(text) + "\": " + std::string(why) +
                 " (expected NAME=CLASS,CLASS,…, e.g. engines=helicopter,engine,airplane,train)");
  };
  const auto equals = text.find('=');
  if (equals == std::string_view::npos) throw malformed("no '='");
  ClassGroup group{std::string(text.substr(0, equals)), {}};
  if (group.name.empty()) throw malformed("no name before '='");
  if (equals + 1 == text.size()) throw malformed("no classes");
  for (auto& name : split_list(text.substr(equals + 1))) {
    if (name.empty()) throw malformed("an empty class name");
    if (std::find(group.classes.begin(), group.classes.end(), name) != group.classes.end())
      throw malformed("class \"" + name + "\" twice");
    group.classes.push_back(std::move(name));
  }
  return group;
}

GroupRecall group_recall(const Metrics& metrics, const ClassGroup& group) {
  GroupRecall out;
  for (const auto& name : group.classes) {
    const auto it = std::find(metrics.class_names.begin(), metrics.class_names.end(), name);
    if (it == metrics.class_names.end())
      throw Error("class group \"" + group.name + "\": the runs have no class \"" + name + "\"");
    const auto& c = metrics.per_class[size_t(it - metrics.class_names.begin())];
    out.correct += c.correct;
    out.support += c.support;
  }
  out.recall = out.support > 0 ? double(out.correct) / out.support : std::numeric_limits<double>::quiet_NaN();
  return out;
}

}  // namespace esc50::eval
