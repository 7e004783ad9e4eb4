#include "serve/run_catalog.h"

#include <algorithm>

namespace esc50::serve {
namespace fs = std::filesystem;
namespace {

constexpr int kMaxScanDepth = 4;

nlohmann::json metrics_json(const std::vector<runs::EpochMetrics>& epochs) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : epochs) out.push_back(e.to_json());
  return out;
}

nlohmann::json final_json(const runs::Run& run) {
  return run.final_metrics ? run.final_metrics->to_json() : nlohmann::json(nullptr);
}

nlohmann::json value_or_null(const nlohmann::json& object, const char* key) {
  return object.is_object() && object.contains(key) ? object[key] : nlohmann::json(nullptr);
}

nlohmann::json run_summary(const runs::Run& run) {
  const auto final = final_json(run);
  return {{"model", value_or_null(run.config, "model")},
          {"protocol", value_or_null(run.config, "protocol")},
          {"fold", value_or_null(run.config, "fold")},
          {"test_acc", value_or_null(final, "test_acc")},
          {"best_epoch", value_or_null(final, "best_epoch")},
          {"epochs", value_or_null(final, "epochs")},
          {"seconds", value_or_null(final, "seconds")},
          {"finished", !final.is_null()},
          {"problems", run.problems}};
}

nlohmann::json cv_summary(const runs::RunSet& set) {
  const auto summary = set.summary ? set.summary->to_json() : nlohmann::json(nullptr);
  return {{"model", value_or_null(summary, "model")},
          {"protocol", value_or_null(summary, "protocol")},
          {"mean_acc", value_or_null(summary, "mean_acc")},
          {"std_acc", value_or_null(summary, "std_acc")},
          {"seconds", value_or_null(summary, "seconds")},
          {"folds", set.summary ? set.summary->folds.size() : 0},
          {"problems", set.problems}};
}

void add_confusion(std::vector<std::vector<int>>& total, const std::vector<std::vector<int>>& part) {
  if (total.empty()) total = std::vector<std::vector<int>>(part.size(), std::vector<int>(part.size()));
  for (size_t r = 0; r < part.size() && r < total.size(); ++r)
    for (size_t c = 0; c < part.size() && c < total.size(); ++c) total[r][c] += part[r][c];
}

// Class names and the confusion matrix of the runs' held-out predictions, pooled.
void add_predictions(nlohmann::json& details, const std::vector<runs::Run>& runs) {
  std::vector<std::string> class_names;
  std::vector<std::vector<int>> confusion;
  for (const auto& run : runs) {
    if (!run.predictions) continue;
    if (class_names.empty()) class_names = run.predictions->class_names;
    if (run.predictions->class_names != class_names) continue;
    add_confusion(confusion, confusion_from_predictions(*run.predictions));
  }
  details["class_names"] = class_names;
  details["confusion"] = confusion;
}

}  // namespace

std::vector<std::vector<int>> confusion_from_predictions(const runs::Predictions& predictions) {
  const size_t n = predictions.class_names.size();
  std::vector<std::vector<int>> confusion(n, std::vector<int>(n, 0));
  for (const auto& clip : predictions.clips) ++confusion[size_t(clip.target)][size_t(runs::predicted_class(clip))];
  return confusion;
}

RunCatalog::RunCatalog(fs::path root) : root_(std::move(root)) {}

std::vector<RunCatalog::Entry> RunCatalog::scan() const {
  std::vector<Entry> entries;
  for (const auto& dir : runs::find_run_dirs(root_, kMaxScanDepth)) {
    auto id = dir.lexically_relative(root_).generic_string();
    entries.push_back({id.empty() ? "." : id, dir, runs::is_cv_dir(dir)});
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.id < b.id; });
  return entries;
}

nlohmann::json RunCatalog::list() const {
  nlohmann::json list = nlohmann::json::array();
  for (const auto& entry : scan()) {
    const runs::ReadOptions listing{.strict = false, .predictions = false};
    auto summary = entry.cross_validation ? cv_summary(runs::read_run_set(entry.dir, listing))
                                          : run_summary(runs::read_run(entry.dir, listing));
    summary["id"] = entry.id;
    summary["kind"] = entry.cross_validation ? "cv" : "run";
    const auto parent = fs::path(entry.id).parent_path().generic_string();
    summary["parent"] = parent.empty() ? nlohmann::json(nullptr) : nlohmann::json(parent);
    list.push_back(std::move(summary));
  }
  return list;
}

std::optional<nlohmann::json> RunCatalog::details(const std::string& id) const {
  const auto entries = scan();
  const auto entry = std::find_if(entries.begin(), entries.end(),
                                  [&](const Entry& e) { return e.id == id; });
  if (entry == entries.end()) return std::nullopt;
  nlohmann::json details = {{"id", id}, {"kind", entry->cross_validation ? "cv" : "run"}};
  if (entry->cross_validation) {
    const auto set = runs::read_run_set(entry->dir, {.strict = false});
    details["summary"] = set.summary ? set.summary->to_json() : nlohmann::json(nullptr);
    details["problems"] = runs::all_problems(set);
    nlohmann::json folds = nlohmann::json::array();
    for (const auto& run : set.runs)
      folds.push_back({{"id", (fs::path(id == "." ? "" : id) / run.paths.dir.filename()).generic_string()},
                       {"metrics", metrics_json(run.epochs)}});
    details["folds"] = std::move(folds);
    add_predictions(details, set.runs);
  } else {
    const auto run = runs::read_run(entry->dir, {.strict = false});
    details["config"] = run.config;
    details["environment"] = run.environment;
    details["final"] = final_json(run);
    details["metrics"] = metrics_json(run.epochs);
    details["problems"] = run.problems;
    add_predictions(details, {run});
  }
  return details;
}

}  // namespace esc50::serve
