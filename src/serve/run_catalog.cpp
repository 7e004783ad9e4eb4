#include "serve/run_catalog.h"

#include <algorithm>
#include <fstream>

#include "common/atomic_file.h"

namespace esc50::serve {
namespace fs = std::filesystem;
namespace {

constexpr int kMaxScanDepth = 4;

bool is_run_dir(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / "config.json", ec) || fs::exists(dir / "metrics.jsonl", ec) ||
         fs::exists(dir / "final.json", ec);
}

bool is_cv_dir(const fs::path& dir) {
  std::error_code ec;
  return fs::exists(dir / "summary.json", ec);
}

// A missing file is null; an unreadable one says why, so one broken run never hides the rest.
nlohmann::json read_json(const fs::path& file) {
  std::error_code ec;
  if (!fs::exists(file, ec)) return nullptr;
  try {
    return nlohmann::json::parse(read_file(file));
  } catch (const std::exception& e) {
    return {{"error", file.filename().string() + ": " + e.what()}};
  }
}

// Training appends a line per epoch; a half-written last line is skipped, not fatal.
nlohmann::json read_metrics(const fs::path& file) {
  nlohmann::json epochs = nlohmann::json::array();
  std::ifstream in(file);
  for (std::string line; std::getline(in, line);) {
    auto epoch = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (epoch.is_object()) epochs.push_back(std::move(epoch));
  }
  return epochs;
}

nlohmann::json value_or_null(const nlohmann::json& object, const char* key) {
  return object.is_object() && object.contains(key) ? object[key] : nlohmann::json(nullptr);
}

nlohmann::json run_summary(const fs::path& dir) {
  const auto config = read_json(dir / "config.json");
  const auto final = read_json(dir / "final.json");
  return {{"model", value_or_null(config, "model")},
          {"protocol", value_or_null(config, "protocol")},
          {"fold", value_or_null(config, "fold")},
          {"test_acc", value_or_null(final, "test_acc")},
          {"best_epoch", value_or_null(final, "best_epoch")},
          {"epochs", value_or_null(final, "epochs")},
          {"seconds", value_or_null(final, "seconds")},
          {"finished", !final.is_null()}};
}

nlohmann::json cv_summary(const fs::path& dir) {
  const auto summary = read_json(dir / "summary.json");
  return {{"model", value_or_null(summary, "model")},
          {"protocol", value_or_null(summary, "protocol")},
          {"mean_acc", value_or_null(summary, "mean_acc")},
          {"std_acc", value_or_null(summary, "std_acc")},
          {"seconds", value_or_null(summary, "seconds")},
          {"folds", summary.is_object() && summary.contains("folds") ? summary["folds"].size() : 0}};
}

std::vector<std::string> class_names_of(const nlohmann::json& predictions) {
  if (!predictions.is_object() || !predictions.contains("class_names")) return {};
  try {
    return predictions["class_names"].get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception&) {
    return {};
  }
}

void add_confusion(std::vector<std::vector<int>>& total, const std::vector<std::vector<int>>& part) {
  if (total.empty()) total = std::vector<std::vector<int>>(part.size(), std::vector<int>(part.size()));
  for (size_t r = 0; r < part.size() && r < total.size(); ++r)
    for (size_t c = 0; c < part.size() && c < total.size(); ++c) total[r][c] += part[r][c];
}

// Class names and the pooled confusion matrix of predictions.json in each of `dirs`.
void add_predictions(nlohmann::json& details, const std::vector<fs::path>& dirs) {
  std::vector<std::string> class_names;
  std::vector<std::vector<int>> confusion;
  for (const auto& dir : dirs) {
    const auto predictions = read_json(dir / "predictions.json");
    const auto names = class_names_of(predictions);
    if (names.empty()) continue;
    if (class_names.empty()) class_names = names;
    add_confusion(confusion, confusion_from_predictions(predictions, class_names.size()));
  }
  details["class_names"] = class_names;
  details["confusion"] = confusion;
}

}  // namespace

std::vector<std::vector<int>> confusion_from_predictions(const nlohmann::json& predictions,
                                                         size_t n_classes) {
  std::vector<std::vector<int>> confusion(n_classes, std::vector<int>(n_classes, 0));
  if (!predictions.is_object() || !predictions.contains("clips")) return confusion;
  for (const auto& clip : predictions["clips"]) {
    try {
      const auto target = clip.at("target").get<int64_t>();
      const auto probs = clip.at("probs").get<std::vector<double>>();
      if (target < 0 || size_t(target) >= n_classes || probs.size() != n_classes) continue;
      const auto predicted = std::max_element(probs.begin(), probs.end()) - probs.begin();
      ++confusion[size_t(target)][size_t(predicted)];
    } catch (const nlohmann::json::exception&) {
      continue;  // a malformed clip entry is left out of the matrix
    }
  }
  return confusion;
}

RunCatalog::RunCatalog(fs::path root) : root_(std::move(root)) {}

std::vector<RunCatalog::Entry> RunCatalog::scan() const {
  std::vector<Entry> entries;
  std::error_code ec;
  if (!fs::is_directory(root_, ec)) return entries;
  auto add = [&](const fs::path& dir) {
    const bool cv = is_cv_dir(dir);
    if (!cv && !is_run_dir(dir)) return;
    auto id = dir.lexically_relative(root_).generic_string();
    entries.push_back({id.empty() ? "." : id, dir, cv});
  };
  add(root_);
  fs::recursive_directory_iterator it(root_, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it.depth() >= kMaxScanDepth) it.disable_recursion_pending();
    if (it->is_directory(ec) && !it->is_symlink(ec)) add(it->path());
  }
  std::sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) { return a.id < b.id; });
  return entries;
}

nlohmann::json RunCatalog::list() const {
  nlohmann::json runs = nlohmann::json::array();
  for (const auto& entry : scan()) {
    auto summary = entry.cross_validation ? cv_summary(entry.dir) : run_summary(entry.dir);
    summary["id"] = entry.id;
    summary["kind"] = entry.cross_validation ? "cv" : "run";
    const auto parent = fs::path(entry.id).parent_path().generic_string();
    summary["parent"] = parent.empty() ? nlohmann::json(nullptr) : nlohmann::json(parent);
    runs.push_back(std::move(summary));
  }
  return runs;
}

std::optional<nlohmann::json> RunCatalog::details(const std::string& id) const {
  const auto entries = scan();
  const auto entry = std::find_if(entries.begin(), entries.end(),
                                  [&](const Entry& e) { return e.id == id; });
  if (entry == entries.end()) return std::nullopt;
  nlohmann::json details = {{"id", id}, {"kind", entry->cross_validation ? "cv" : "run"}};
  if (entry->cross_validation) {
    details["summary"] = read_json(entry->dir / "summary.json");
    std::vector<fs::path> fold_dirs;
    nlohmann::json folds = nlohmann::json::array();
    for (const auto& other : entries) {
      if (fs::path(other.id).parent_path().generic_string() != (id == "." ? "" : id)) continue;
      if (other.id == id || other.cross_validation) continue;
      fold_dirs.push_back(other.dir);
      folds.push_back({{"id", other.id}, {"metrics", read_metrics(other.dir / "metrics.jsonl")}});
    }
    details["folds"] = std::move(folds);
    add_predictions(details, fold_dirs);
  } else {
    details["config"] = read_json(entry->dir / "config.json");
    details["environment"] = read_json(entry->dir / "environment.json");
    details["final"] = read_json(entry->dir / "final.json");
    details["metrics"] = read_metrics(entry->dir / "metrics.jsonl");
    add_predictions(details, {entry->dir});
  }
  return details;
}

}  // namespace esc50::serve
