#include "eval/metrics_io.h"

#include "common/atomic_file.h"
#include "common/csv.h"

namespace esc50::eval {
namespace {

nlohmann::json class_to_json(const std::string& name, const ClassMetrics& c) {
  return {{"name", name},          {"precision", c.precision}, {"recall", c.recall},
          {"f1", c.f1},            {"support", c.support},     {"predicted", c.predicted},
          {"correct", c.correct}};
}

nlohmann::json pair_to_json(const ConfusedPair& p, const std::vector<std::string>& names) {
  return {{"actual", p.actual},
          {"predicted", p.predicted},
          {"actual_name", names.at(size_t(p.actual))},
          {"predicted_name", names.at(size_t(p.predicted))},
          {"count", p.count},
          {"rate", p.rate},
          {"examples", p.examples}};
}

nlohmann::json group_to_json(const GroupAccuracy& g) {
  return {{"name", g.name},
          {"support", g.support},
          {"correct", g.correct},
          {"same_group", g.same_group},
          {"accuracy", g.accuracy}};
}

}  // namespace

nlohmann::json metrics_to_json(const Metrics& m) {
  nlohmann::json per_class = nlohmann::json::array(), pairs = nlohmann::json::array(),
                 groups = nlohmann::json::array();
  for (size_t c = 0; c < m.per_class.size(); ++c)
    per_class.push_back(class_to_json(m.class_names[c], m.per_class[c]));
  for (const auto& p : m.confused_pairs) pairs.push_back(pair_to_json(p, m.class_names));
  for (const auto& g : m.groups) groups.push_back(group_to_json(g));
  return {{"clips", m.clips},
          {"accuracy", m.accuracy},
          {"top_k", m.top_k},
          {"top_k_accuracy", m.top_k_accuracy},
          {"class_names", m.class_names},
          {"per_class", std::move(per_class)},
          {"macro", {{"precision", m.macro.precision}, {"recall", m.macro.recall},
                     {"f1", m.macro.f1}, {"classes", m.macro.classes}}},
          {"confusion", m.confusion},
          {"confusion_normalised", row_normalised(m.confusion)},
          {"confused_pairs", std::move(pairs)},
          {"categories", std::move(groups)}};
}

nlohmann::json cv_metrics_to_json(const CrossValidationMetrics& cv) {
  nlohmann::json folds = nlohmann::json::array();
  for (const auto& f : cv.folds) folds.push_back({{"fold", f.fold}, {"metrics", metrics_to_json(f.metrics)}});
  return {{"pooled", metrics_to_json(cv.pooled)},
          {"folds", std::move(folds)},
          {"mean_accuracy", cv.mean_accuracy},
          {"std_accuracy", cv.std_accuracy}};
}

std::string per_class_csv(const Metrics& m) {
  std::string out =
      csv_line({"class", "name", "precision", "recall", "f1", "support", "predicted", "correct"});
  for (size_t c = 0; c < m.per_class.size(); ++c) {
    const auto& cm = m.per_class[c];
    out += csv_line({std::to_string(c), m.class_names[c], csv_number(cm.precision),
                     csv_number(cm.recall), csv_number(cm.f1), std::to_string(cm.support),
                     std::to_string(cm.predicted), std::to_string(cm.correct)});
  }
  return out;
}

std::string confusion_csv(const std::vector<std::string>& names,
                          const std::vector<std::vector<int>>& confusion) {
  CsvRow header{"actual\\predicted"};
  header.insert(header.end(), names.begin(), names.end());
  std::string out = csv_line(header);
  for (size_t a = 0; a < confusion.size(); ++a) {
    CsvRow row{names[a]};
    for (int v : confusion[a]) row.push_back(std::to_string(v));
    out += csv_line(row);
  }
  return out;
}

std::string folds_csv(const CrossValidationMetrics& cv) {
  std::string out = csv_line({"fold", "clips", "accuracy", "top_k_accuracy", "macro_f1"});
  for (const auto& f : cv.folds)
    out += csv_line({std::to_string(f.fold), std::to_string(f.metrics.clips),
                     csv_number(f.metrics.accuracy), csv_number(f.metrics.top_k_accuracy),
                     csv_number(f.metrics.macro.f1)});
  return out;
}

EvaluationFiles evaluation_files(const std::filesystem::path& dir) {
  return {dir / "evaluation.json", dir / "evaluation-per-class.csv",
          dir / "evaluation-confusion.csv", dir / "evaluation-folds.csv"};
}

// evaluation.json with `body` under `key` (plus `extra`), and the CSV tables of `tables`.
static void write_evaluation_files(const std::filesystem::path& dir, const std::string& key,
                                   nlohmann::json body, const Metrics& tables,
                                   const nlohmann::json& extra) {
  const auto files = evaluation_files(dir);
  nlohmann::json j = extra;
  j[key] = std::move(body);
  write_file_atomic(files.json, j.dump(1));
  write_file_atomic(files.per_class_csv, per_class_csv(tables));
  write_file_atomic(files.confusion_csv, confusion_csv(tables.class_names, tables.confusion));
}

void write_evaluation(const std::filesystem::path& dir, const Metrics& metrics,
                      const nlohmann::json& extra) {
  write_evaluation_files(dir, "metrics", metrics_to_json(metrics), metrics, extra);
}

void write_cv_evaluation(const std::filesystem::path& dir, const CrossValidationMetrics& cv,
                         const nlohmann::json& extra) {
  write_evaluation_files(dir, "cross_validation", cv_metrics_to_json(cv), cv.pooled, extra);
  write_file_atomic(evaluation_files(dir).folds_csv, folds_csv(cv));
}

}  // namespace esc50::eval
