#include "eval/metrics_io.h"

#include <charconv>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/csv.h"

namespace esc50::eval {
namespace {

nlohmann::json class_to_json(const std::string& name, const ClassMetrics& c) {
  return {{"name", name},          {"precision", c.precision}, {"recall", c.recall},
          {"f1", c.f1},            {"support", c.support},     {"predicted", c.predicted},
          {"correct", c.correct}};
}

ClassMetrics class_from_json(const nlohmann::json& j) {
  return {j.at("precision").get<double>(), j.at("recall").get<double>(), j.at("f1").get<double>(),
          j.at("support").get<int>(),      j.at("predicted").get<int>(), j.at("correct").get<int>()};
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

// Wraps nlohmann's exceptions (missing key, wrong type) into an Error naming the source.
template <class F>
auto parse_or_fail(const std::string& source, F&& parse) {
  try {
    return parse();
  } catch (const nlohmann::json::exception& e) {
    throw Error(source + ": " + e.what());
  }
}

template <class Number>
Number parse_number(const std::string& text, const std::string& where) {
  Number value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size())
    throw Error(where + ": '" + text + "' is not " +
                (std::is_integral_v<Number> ? "an integer" : "a number"));
  return value;
}
const auto parse_double = parse_number<double>;
const auto parse_int = parse_number<int>;

std::string where(const std::string& source, size_t row) {
  return source + ": row " + std::to_string(row + 1);
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

Metrics metrics_from_json(const nlohmann::json& j, const std::string& source) {
  return parse_or_fail(source, [&] {
    Metrics m;
    m.clips = j.at("clips").get<int>();
    m.accuracy = j.at("accuracy").get<double>();
    m.top_k = j.at("top_k").get<int>();
    m.top_k_accuracy = j.at("top_k_accuracy").get<double>();
    m.class_names = j.at("class_names").get<std::vector<std::string>>();
    for (const auto& c : j.at("per_class")) m.per_class.push_back(class_from_json(c));
    const auto& macro = j.at("macro");
    m.macro = {macro.at("precision").get<double>(), macro.at("recall").get<double>(),
               macro.at("f1").get<double>(), macro.at("classes").get<int>()};
    m.confusion = j.at("confusion").get<std::vector<std::vector<int>>>();
    for (const auto& p : j.at("confused_pairs"))
      m.confused_pairs.push_back({p.at("actual").get<int>(), p.at("predicted").get<int>(),
                                  p.at("count").get<int>(), p.at("rate").get<double>(),
                                  p.at("examples").get<std::vector<std::string>>()});
    for (const auto& g : j.at("categories"))
      m.groups.push_back({g.at("name").get<std::string>(), g.at("support").get<int>(),
                          g.at("correct").get<int>(), g.at("same_group").get<int>(),
                          g.at("accuracy").get<double>()});
    if (m.per_class.size() != m.class_names.size() || m.confusion.size() != m.class_names.size())
      throw Error(source + ": per_class and confusion must have one entry per class");
    return m;
  });
}

nlohmann::json cv_metrics_to_json(const CrossValidationMetrics& cv) {
  nlohmann::json folds = nlohmann::json::array();
  for (const auto& f : cv.folds) folds.push_back({{"fold", f.fold}, {"metrics", metrics_to_json(f.metrics)}});
  return {{"pooled", metrics_to_json(cv.pooled)},
          {"folds", std::move(folds)},
          {"mean_accuracy", cv.mean_accuracy},
          {"std_accuracy", cv.std_accuracy}};
}

CrossValidationMetrics cv_metrics_from_json(const nlohmann::json& j, const std::string& source) {
  return parse_or_fail(source, [&] {
    CrossValidationMetrics cv;
    cv.pooled = metrics_from_json(j.at("pooled"), source + ": pooled");
    for (const auto& f : j.at("folds")) {
      const int fold = f.at("fold").get<int>();
      cv.folds.push_back(
          {fold, metrics_from_json(f.at("metrics"), source + ": fold " + std::to_string(fold))});
    }
    cv.mean_accuracy = j.at("mean_accuracy").get<double>();
    cv.std_accuracy = j.at("std_accuracy").get<double>();
    return cv;
  });
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

Metrics per_class_from_csv(const std::string& text, const std::string& source) {
  const auto rows = parse_csv(text, source);
  if (rows.empty() || rows[0].size() != 8 || rows[0][0] != "class")
    throw Error(source + ": not a per-class metrics table (expected header class,name,...)");
  Metrics m;
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto& row = rows[r];
    const auto at = where(source, r);
    if (row.size() != 8) throw Error(at + ": expected 8 fields, found " + std::to_string(row.size()));
    if (parse_int(row[0], at) != int(r - 1)) throw Error(at + ": classes must be listed in order");
    m.class_names.push_back(row[1]);
    m.per_class.push_back({parse_double(row[2], at), parse_double(row[3], at),
                           parse_double(row[4], at), parse_int(row[5], at), parse_int(row[6], at),
                           parse_int(row[7], at)});
  }
  return m;
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

LabelledConfusion confusion_from_csv(const std::string& text, const std::string& source) {
  const auto rows = parse_csv(text, source);
  if (rows.empty() || rows[0].size() < 2)
    throw Error(source + ": not a confusion matrix (expected a header row of class names)");
  LabelledConfusion out;
  out.class_names.assign(rows[0].begin() + 1, rows[0].end());
  const size_t n = out.class_names.size();
  if (rows.size() != n + 1)
    throw Error(source + ": " + std::to_string(rows.size() - 1) + " rows for " +
                std::to_string(n) + " classes");
  for (size_t r = 1; r < rows.size(); ++r) {
    const auto at = where(source, r);
    if (rows[r].size() != n + 1 || rows[r][0] != out.class_names[r - 1])
      throw Error(at + ": expected class '" + out.class_names[r - 1] + "' and " +
                  std::to_string(n) + " counts");
    auto& counts = out.counts.emplace_back();
    for (size_t c = 1; c <= n; ++c) counts.push_back(parse_int(rows[r][c], at));
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
