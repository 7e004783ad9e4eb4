#pragma once
// Classification metrics from held-out predictions. Conventions (as scikit-learn's defaults):
// a ratio with a zero denominator is 0 (precision of a class never predicted, recall of a
// class with no clips); macro averages run over the classes that occur in the ground truth
// or in the predictions, so a class absent from a fold and never predicted does not drag
// the averages down, while a class predicted but absent does (its false alarms count).
#include <string>
#include <vector>

#include "runs/predictions.h"

namespace esc50::eval {

struct ClassMetrics {
  double precision = 0;
  double recall = 0;
  double f1 = 0;
  int support = 0;    // clips whose true class this is
  int predicted = 0;  // clips predicted as this class
  int correct = 0;
};

struct MacroAverages {
  double precision = 0;
  double recall = 0;
  double f1 = 0;
  int classes = 0;  // how many classes were averaged
};

struct ConfusedPair {
  int actual = 0;
  int predicted = 0;
  int count = 0;
  double rate = 0;                    // count / support of the actual class
  std::vector<std::string> examples;  // stems of clips with this mistake
};

struct GroupAccuracy {
  std::string name;  // one of ESC-50's five major categories
  int support = 0;
  int correct = 0;
  int same_group = 0;  // predicted class lies in the same group (right or wrong)
  double accuracy = 0;
};

struct Metrics {
  std::vector<std::string> class_names;
  int clips = 0;
  int top_k = 5;  // k of top_k_accuracy (fewer with fewer classes)
  double accuracy = 0;
  double top_k_accuracy = 0;
  std::vector<ClassMetrics> per_class;
  MacroAverages macro;
  std::vector<std::vector<int>> confusion;  // [actual][predicted] counts
  std::vector<ConfusedPair> confused_pairs;  // most frequent mistakes first
  std::vector<GroupAccuracy> groups;         // empty unless there are ESC-50's 50 classes
};

struct MetricsOptions {
  int top_k = 5;
  int confused_pairs = 10;     // how many of the most frequent mistakes to keep
  int examples_per_pair = 3;  // clip stems kept per mistake
};

Metrics compute_metrics(const runs::Predictions& predictions, const MetricsOptions& options = {});

// Each row divided by its sum (the actual class's support); all-zero rows stay zero.
std::vector<std::vector<double>> row_normalised(const std::vector<std::vector<int>>& confusion);

}  // namespace esc50::eval
