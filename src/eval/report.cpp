#include "eval/report.h"

#include <cctype>
#include <cmath>
#include <map>

#include "common/error.h"
#include "eval/comparison.h"
#include "eval/metrics_io.h"
#include "eval/report_assets.h"
#include "eval/run_evaluation.h"

namespace esc50::eval {
namespace {

using nlohmann::json;

json curves_of(const runs::Run& run) {
  json curves = {{"fold", run.fold}};
  for (const char* key : {"epoch", "train_loss", "val_loss", "train_acc", "val_acc", "lr"}) {
    json values = json::array();
    for (const auto& e : run.epochs) {
      const auto j = e.to_json();
      const auto v = j.find(key);
      values.push_back(v != j.end() && v->is_number() ? *v : json());
    }
    curves[key] = std::move(values);
  }
  return curves;
}

// Training time: the sum over the folds' final.json (folds may have been trained by separate
// processes, each rewriting summary.json), else the CV summary's.
json training_seconds(const runs::RunSet& set) {
  double total = 0;
  for (const auto& run : set.runs) {
    if (!run.final_metrics) return set.summary ? json(set.summary->seconds) : json();
    total += run.final_metrics->seconds;
  }
  return total;
}

json folds_of(const runs::RunSet& set, const std::optional<CrossValidationMetrics>& cv) {
  std::map<int, double> accuracy;
  if (cv)
    for (const auto& f : cv->folds) accuracy[f.fold] = f.metrics.accuracy;
  json folds = json::array();
  for (const auto& run : set.runs) {
    const auto a = accuracy.find(run.fold);
    folds.push_back({{"fold", run.fold},
                     {"epochs", run.epochs.size()},
                     {"accuracy", a != accuracy.end() ? json(a->second) : json()},
                     {"final", run.final_metrics ? run.final_metrics->to_json() : json()}});
  }
  return folds;
}

json run_entry(const std::string& name, const runs::RunSet& set,
               const std::optional<CrossValidationMetrics>& cv) {
  const auto& config = set.runs.front().config;
  json curves = json::array();
  for (const auto& run : set.runs) curves.push_back(curves_of(run));
  json entry = {{"name", name},
                {"path", std::filesystem::absolute(set.dir).lexically_normal().string()},
                {"cross_validation", set.cross_validation},
                {"augmentation", runs::augmentation_label(config)},
                {"model", config.value("model", json())},
                {"protocol", config.value("protocol", json())},
                {"settings", config},
                {"seconds", training_seconds(set)},
                {"folds", folds_of(set, cv)},
                {"curves", std::move(curves)},
                {"metrics", json()},
                {"mean_accuracy", json()},
                {"std_accuracy", json()}};
  if (cv) {
    entry["metrics"] = metrics_to_json(cv->pooled);
    entry["mean_accuracy"] = cv->mean_accuracy;
    entry["std_accuracy"] = cv->std_accuracy;
  }
  return entry;
}

// Per-class F1 of every run and its difference from the first run's, when all runs were
// evaluated on the same classes.
json per_class_differences(const std::vector<std::optional<CrossValidationMetrics>>& cvs) {
  if (cvs.size() < 2) return json();
  for (const auto& cv : cvs)
    if (!cv || cv->pooled.class_names != cvs.front()->pooled.class_names) return json();
  json rows = json::array();
  const auto& names = cvs.front()->pooled.class_names;
  for (size_t c = 0; c < names.size(); ++c) {
    json f1 = json::array(), delta = json::array();
    const double baseline = cvs.front()->pooled.per_class[c].f1;
    for (const auto& cv : cvs) {
      f1.push_back(cv->pooled.per_class[c].f1);
      delta.push_back(cv->pooled.per_class[c].f1 - baseline);
    }
    rows.push_back({{"class", c}, {"name", names[c]}, {"f1", f1}, {"delta", delta}});
  }
  return rows;
}

// Each later run against the first, fold by fold; null for a run (or a first run) that has
// no predictions yet.
json paired_differences(const std::vector<std::optional<CrossValidationMetrics>>& cvs) {
  if (cvs.size() < 2) return json();
  json rows = json::array();
  for (size_t i = 1; i < cvs.size(); ++i) {
    if (!cvs.front() || !cvs[i]) {
      rows.push_back(json());
      continue;
    }
    const auto d = paired_difference(*cvs.front(), *cvs[i]);
    rows.push_back({{"folds", d.folds},
                    {"differences", d.differences},
                    {"mean", d.mean},
                    {"std", d.std},
                    {"half_width", std::isfinite(d.half_width) ? json(d.half_width) : json()},
                    {"inside_noise", d.inside_noise},
                    {"verdict", verdict(d)}});
  }
  return rows;
}

// Pooled recall of each named group of classes, per run (null for a run without predictions).
json class_group_recalls(const std::vector<std::optional<CrossValidationMetrics>>& cvs,
                         const std::vector<ClassGroup>& groups) {
  json rows = json::array();
  for (const auto& group : groups) {
    json recalls = json::array();
    for (const auto& cv : cvs) {
      if (!cv) {
        recalls.push_back(json());
        continue;
      }
      const auto r = group_recall(cv->pooled, group);
      recalls.push_back({{"correct", r.correct}, {"support", r.support},
                         {"recall", std::isnan(r.recall) ? json() : json(r.recall)}});
    }
    rows.push_back({{"name", group.name}, {"classes", group.classes}, {"runs", std::move(recalls)}});
  }
  return rows;
}

std::string percent_encoded(const std::string& path) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : path) {
    if (std::isalnum(c) || std::string_view("/-_.~").find(char(c)) != std::string_view::npos) {
      out += char(c);
    } else {
      out += '%';
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

// file:// links to the example clips of the most-confused pairs that exist on disk.
json clip_urls(const std::vector<std::optional<CrossValidationMetrics>>& cvs,
               const std::map<std::string, std::filesystem::path>& clip_files) {
  json urls = json::object();
  for (const auto& cv : cvs)
    if (cv)
      for (const auto& pair : cv->pooled.confused_pairs)
        for (const auto& stem : pair.examples)
          if (const auto file = clip_files.find(stem);
              file != clip_files.end() && std::filesystem::is_regular_file(file->second))
            urls[stem] = "file://" + percent_encoded(std::filesystem::absolute(file->second).lexically_normal().string());
  return urls;
}

std::string html_escaped(std::string_view text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// JSON inside <script>: "</" would end the element early, "<\/" means the same to JSON.
std::string script_safe_json(const json& data) {
  std::string text = data.dump();
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    out += text[i];
    if (text[i] == '<' && i + 1 < text.size() && text[i + 1] == '/') out += '\\';
  }
  return out;
}

// Replaces every {{key}} of the template in one pass, so inserted text is never rescanned.
std::string fill_template(std::string_view templ, const std::map<std::string, std::string_view>& values) {
  std::string out;
  size_t pos = 0;
  while (true) {
    const size_t open = templ.find("{{", pos);
    if (open == std::string_view::npos) break;
    const size_t close = templ.find("}}", open);
    if (close == std::string_view::npos) break;
    const auto value = values.find(std::string(templ.substr(open + 2, close - open - 2)));
    if (value == values.end()) throw Error("report template: unknown placeholder at offset " + std::to_string(open));
    out.append(templ.substr(pos, open - pos));
    out.append(value->second);
    pos = close + 2;
  }
  out.append(templ.substr(pos));
  return out;
}

}  // namespace

json report_data(const std::vector<runs::RunSet>& runs, const ReportOptions& options) {
  if (runs.empty()) throw Error("a report needs at least one run directory");
  std::vector<std::optional<CrossValidationMetrics>> cvs;
  for (const auto& set : runs) cvs.push_back(evaluate_run_set(set, options.metrics));
  const auto names = run_names(runs);
  json entries = json::array();
  for (size_t i = 0; i < runs.size(); ++i) entries.push_back(run_entry(names[i], runs[i], cvs[i]));
  return {{"title", options.title},
          {"runs", std::move(entries)},
          {"per_class_differences", per_class_differences(cvs)},
          {"paired_differences", paired_differences(cvs)},
          {"class_groups", class_group_recalls(cvs, options.class_groups)},
          {"clip_urls", clip_urls(cvs, options.clip_files)}};
}

std::string report_html(const json& data) {
  const std::string title = html_escaped(data.value("title", "esc50 report"));
  const std::string payload = script_safe_json(data);
  return fill_template(assets::report_template(), {{"title", title},
                                                   {"css", assets::report_css()},
                                                   {"data", payload},
                                                   {"chart_js", assets::chart_js()},
                                                   {"report_js", assets::report_js()}});
}

}  // namespace esc50::eval
