#include "eval/metrics.h"

#include <algorithm>

#include "common/error.h"
#include "data/esc50_meta.h"

namespace esc50::eval {
namespace {


double ratio(double numerator, double denominator) {
  return denominator > 0 ? numerator / denominator : 0.0;
}

// The target is within the top k when fewer than k classes score strictly higher.
bool in_top_k(const runs::ClipPrediction& clip, int k) {
  const float p = clip.probs[size_t(clip.target)];
  return std::count_if(clip.probs.begin(), clip.probs.end(), [&](float q) { return q > p; }) < k;
}

void fill_class_metrics(Metrics& m) {
  const size_t n = m.class_names.size();
  m.per_class.assign(n, {});
  for (size_t a = 0; a < n; ++a)
    for (size_t p = 0; p < n; ++p) {
      m.per_class[a].support += m.confusion[a][p];
      m.per_class[p].predicted += m.confusion[a][p];
    }
  for (size_t c = 0; c < n; ++c) {
    auto& cm = m.per_class[c];
    cm.correct = m.confusion[c][c];
    cm.precision = ratio(cm.correct, cm.predicted);
    cm.recall = ratio(cm.correct, cm.support);
    cm.f1 = ratio(2 * cm.precision * cm.recall, cm.precision + cm.recall);
  }
}

MacroAverages macro_averages(const std::vector<ClassMetrics>& per_class) {
  MacroAverages macro;
  for (const auto& cm : per_class) {
    if (cm.support == 0 && cm.predicted == 0) continue;
    macro.precision += cm.precision;
    macro.recall += cm.recall;
    macro.f1 += cm.f1;
    ++macro.classes;
  }
  macro.precision = ratio(macro.precision, macro.classes);
  macro.recall = ratio(macro.recall, macro.classes);
  macro.f1 = ratio(macro.f1, macro.classes);
  return macro;
}

std::vector<ConfusedPair> most_confused(const runs::Predictions& predictions, const Metrics& m,
                                        const MetricsOptions& options) {
  std::vector<ConfusedPair> pairs;
  const size_t n = m.class_names.size();
  for (size_t a = 0; a < n; ++a)
    for (size_t p = 0; p < n; ++p)
      if (a != p && m.confusion[a][p] > 0)
        pairs.push_back({int(a), int(p), m.confusion[a][p],
                         ratio(m.confusion[a][p], m.per_class[a].support), {}});
  // Most clips first; among equal counts the larger share of the class, then class order.
  std::sort(pairs.begin(), pairs.end(), [](const ConfusedPair& x, const ConfusedPair& y) {
    if (x.count != y.count) return x.count > y.count;
    if (x.rate != y.rate) return x.rate > y.rate;
    return std::pair(x.actual, x.predicted) < std::pair(y.actual, y.predicted);
  });
  if (pairs.size() > size_t(std::max(options.confused_pairs, 0)))
    pairs.resize(size_t(std::max(options.confused_pairs, 0)));
  for (auto& pair : pairs)
    for (const auto& clip : predictions.clips)
      if (clip.target == pair.actual && runs::predicted_class(clip) == pair.predicted &&
          int(pair.examples.size()) < options.examples_per_pair)
        pair.examples.push_back(clip.stem);
  return pairs;
}

std::vector<GroupAccuracy> group_accuracies(const Metrics& m) {
  if (!data::has_esc50_classes(m.class_names)) return {};
  std::vector<GroupAccuracy> groups;
  for (const auto& name : data::category_groups()) groups.push_back({name});
  const size_t n = m.class_names.size();
  for (size_t a = 0; a < n; ++a) {
    auto& g = groups[size_t(data::category_group_of(int(a)))];
    for (size_t p = 0; p < n; ++p) {
      g.support += m.confusion[a][p];
      if (data::category_group_of(int(p)) == data::category_group_of(int(a)))
        g.same_group += m.confusion[a][p];
    }
    g.correct += m.confusion[a][a];
  }
  for (auto& g : groups) g.accuracy = ratio(g.correct, g.support);
  return groups;
}

}  // namespace

Metrics compute_metrics(const runs::Predictions& predictions, const MetricsOptions& options) {
  Metrics m;
  m.class_names = predictions.class_names;
  const size_t n = m.class_names.size();
  if (n == 0) throw Error("cannot compute metrics: no class names");
  m.clips = int(predictions.clips.size());
  m.top_k = std::clamp(options.top_k, 1, int(n));
  m.confusion.assign(n, std::vector<int>(n, 0));
  int top_k_hits = 0;
  for (const auto& clip : predictions.clips) {
    if (clip.probs.size() != n || clip.target < 0 || size_t(clip.target) >= n)
      throw Error("cannot compute metrics: clip " + clip.stem + " does not match " +
                  std::to_string(n) + " classes");
    ++m.confusion[size_t(clip.target)][size_t(runs::predicted_class(clip))];
    top_k_hits += in_top_k(clip, m.top_k);
  }
  fill_class_metrics(m);
  int correct = 0;
  for (const auto& cm : m.per_class) correct += cm.correct;
  m.accuracy = ratio(correct, m.clips);
  m.top_k_accuracy = ratio(top_k_hits, m.clips);
  m.macro = macro_averages(m.per_class);
  m.confused_pairs = most_confused(predictions, m, options);
  m.groups = group_accuracies(m);
  return m;
}

std::vector<std::vector<double>> row_normalised(const std::vector<std::vector<int>>& confusion) {
  std::vector<std::vector<double>> out;
  for (const auto& row : confusion) {
    double total = 0;
    for (int v : row) total += v;
    auto& r = out.emplace_back(row.size(), 0.0);
    for (size_t i = 0; i < row.size(); ++i) r[i] = ratio(row[i], total);
  }
  return out;
}

}  // namespace esc50::eval
