#include "eval/comparison.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <map>

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
  return 1.96 + 2.4 / degrees_of_freedom;  // within 0.001 of the exact quantile beyond 30
}

PairedDifference paired_difference(const CrossValidationMetrics& baseline, const CrossValidationMetrics& run) {
  std::map<int, double> baseline_accuracy;
  for (const auto& f : baseline.folds) baseline_accuracy[f.fold] = f.metrics.accuracy;
  std::map<int, double> differences;
  for (const auto& f : run.folds)
    if (const auto b = baseline_accuracy.find(f.fold); b != baseline_accuracy.end())
      differences[f.fold] = f.metrics.accuracy - b->second;
  PairedDifference out;
  for (const auto& [fold, difference] : differences) {
    out.folds.push_back(fold);
    out.differences.push_back(difference);
  }
  const auto spread = mean_and_sample_std(out.differences);
  out.mean = spread.mean;
  out.std = spread.std;
  const auto n = out.differences.size();
  out.half_width = n < 2 ? std::numeric_limits<double>::infinity()
                         : student_t_95(int(n) - 1) * out.std / std::sqrt(double(n));
  out.inside_noise = std::abs(out.mean) <= out.half_width;
  return out;
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
  auto rest = text.substr(equals + 1);
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const auto name = rest.substr(0, comma);
    if (name.empty()) throw malformed("an empty class name");
    if (std::find(group.classes.begin(), group.classes.end(), name) != group.classes.end())
      throw malformed("class \"" + std::string(name) + "\" twice");
    group.classes.emplace_back(name);
    if (comma == std::string_view::npos) break;
    rest = rest.substr(comma + 1);
    if (rest.empty()) throw malformed("an empty class name");
  }
  if (group.classes.empty()) throw malformed("no classes");
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
  out.recall = out.support > 0 ? double(out.correct) / out.support : 0.0;
  return out;
}

}  // namespace esc50::eval
