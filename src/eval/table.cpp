#include "eval/table.h"

#include <fmt/format.h>

#include <algorithm>

namespace esc50::eval {
namespace {

double percent(double fraction) { return 100.0 * fraction; }

size_t name_width(const std::vector<std::string>& names) {
  size_t width = 5;
  for (const auto& n : names) width = std::max(width, n.size());
  return width;
}

std::string summary(const Metrics& m) {
  return fmt::format(
      "clips {}   accuracy {:.2f} %   top-{} {:.2f} %   macro precision {:.2f} %   "
      "recall {:.2f} %   F1 {:.2f} % (over {} classes)\n",
      m.clips, percent(m.accuracy), m.top_k, percent(m.top_k_accuracy), percent(m.macro.precision),
      percent(m.macro.recall), percent(m.macro.f1), m.macro.classes);
}

std::string per_class_table(const Metrics& m) {
  const size_t w = name_width(m.class_names);
  std::string out = fmt::format("\n{:>3}  {:<{}}  {:>9}  {:>7}  {:>7}  {:>7}  {:>9}\n", "#", "class",
                                w, "precision", "recall", "F1", "support", "predicted");
  for (size_t c = 0; c < m.per_class.size(); ++c) {
    const auto& cm = m.per_class[c];
    out += fmt::format("{:>3}  {:<{}}  {:>9.1f}  {:>7.1f}  {:>7.1f}  {:>7}  {:>9}\n", c,
                       m.class_names[c], w, percent(cm.precision), percent(cm.recall),
                       percent(cm.f1), cm.support, cm.predicted);
  }
  return out;
}

std::string group_table(const Metrics& m) {
  if (m.groups.empty()) return {};
  std::string out = fmt::format("\n{:<32}  {:>8}  {:>7}  {:>10}\n", "category", "accuracy",
                                "support", "same group");
  for (const auto& g : m.groups)
    out += fmt::format("{:<32}  {:>7.1f}%  {:>7}  {:>9.1f}%\n", g.name, percent(g.accuracy),
                       g.support, percent(g.support ? double(g.same_group) / g.support : 0.0));
  return out;
}

std::string pair_table(const Metrics& m) {
  if (m.confused_pairs.empty()) return "\nno mistakes\n";
  const size_t w = name_width(m.class_names);
  std::string out = fmt::format("\nmost confused (actual -> predicted)\n");
  for (const auto& p : m.confused_pairs)
    out += fmt::format("  {:<{}} -> {:<{}}  {:>3} clip{} ({:.0f} % of the class)\n",
                       m.class_names[size_t(p.actual)], w, m.class_names[size_t(p.predicted)], w,
                       p.count, p.count == 1 ? " " : "s", percent(p.rate));
  return out;
}

}  // namespace

std::string format_metrics(const Metrics& m) {
  return summary(m) + per_class_table(m) + group_table(m) + pair_table(m);
}

std::string format_cv_metrics(const CrossValidationMetrics& cv) {
  std::string out = "fold  clips  accuracy\n";
  for (const auto& f : cv.folds)
    out += fmt::format("{:>4}  {:>5}  {:>7.2f} %\n", f.fold, f.metrics.clips,
                       percent(f.metrics.accuracy));
  out += fmt::format("mean accuracy over {} folds: {:.2f} ± {:.2f} %\n\npooled held-out folds: ",
                     cv.folds.size(), percent(cv.mean_accuracy), percent(cv.std_accuracy));
  return out + format_metrics(cv.pooled);
}

}  // namespace esc50::eval
