#pragma once
// Is one recipe better than another, or is the difference inside the noise? Two
// cross-validations on the same folds pair up fold by fold: the mean of the per-fold
// differences and its 95 % confidence interval from Student's t, with Nadeau and Bengio's
// correction for the overlap of the folds' training sets (a corrected paired t-test).
// And the recall of named groups of classes that are easily confused with each other.
#include <string>
#include <string_view>
#include <vector>

#include "eval/cross_validation.h"

namespace esc50::eval {

struct PairedDifference {
  std::vector<int> folds;           // held out by both runs, ascending
  std::vector<double> differences;  // the run's accuracy minus the baseline's, per fold
  double mean = 0;
  double std = 0;                   // sample standard deviation of the differences
  double half_width = 0;  // of the corrected 95 % interval around the mean; infinite below two folds
  bool inside_noise = true;         // the interval contains zero
};

PairedDifference paired_difference(const CrossValidationMetrics& baseline, const CrossValidationMetrics& run);
// "better", "worse", "inside the noise", or why there is no interval.
std::string verdict(const PairedDifference& d);

// The two-sided 95 % quantile of Student's t with this many degrees of freedom (>= 1).
double student_t_95(int degrees_of_freedom);

struct ClassGroup {
  std::string name;
  std::vector<std::string> classes;
};

// "engines=helicopter,engine,airplane,train"; throws Error quoting the text when malformed.
ClassGroup parse_class_group(std::string_view text);

struct GroupRecall {
  int correct = 0;
  int support = 0;
  double recall = 0;  // correct / support, pooled over the group's classes; NaN without clips
};

// Throws Error naming the first of the group's classes that the metrics do not have.
GroupRecall group_recall(const Metrics& metrics, const ClassGroup& group);

}  // namespace esc50::eval
