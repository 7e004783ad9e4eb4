#include "runs/run_directory.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <sstream>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/json_file.h"
#include "common/statistics.h"

namespace esc50::runs {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr std::string_view kFoldPrefix = "fold-";

template <typename T>
void put_optional(json& j, const char* key, const std::optional<T>& value) {
  if (value) j[key] = *value;
}

template <typename T>
std::optional<T> get_optional(const json& j, const char* key) {
  const auto it = j.find(key);
  if (it == j.end() || it->is_null()) return std::nullopt;
  return it->get<T>();
}

// Runs `parse`, turning nlohmann's type errors into Error naming `where`.
template <typename F>
auto parsed(const std::string& where, F parse) -> decltype(parse()) {
  try {
    return parse();
  } catch (const json::exception& e) {
    throw Error(where + ": " + e.what());
  }
}

// K of a "fold-K" directory name; nullopt for other names.
std::optional<int> fold_of_dir_name(const std::string& name) {
  if (!name.starts_with(kFoldPrefix)) return std::nullopt;
  int fold = 0;
  const char* first = name.data() + kFoldPrefix.size();
  const char* last = name.data() + name.size();
  auto [end, ec] = std::from_chars(first, last, fold);
  if (ec != std::errc() || end != last || first == last) return std::nullopt;
  return fold;
}

// Reads an optional file: nullopt when absent; a malformed one throws (strict) or becomes a
// problem.
template <typename T, typename Parse>
std::optional<T> read_optional(const fs::path& file, bool strict, std::vector<std::string>& problems, Parse parse) {
  std::error_code ec;
  if (!fs::exists(file, ec)) return std::nullopt;
  try {
    return parse(file);
  } catch (const Error& e) {
    if (strict) throw;
    problems.push_back(e.what());
    return std::nullopt;
  }
}

std::vector<EpochMetrics> read_metrics(const fs::path& file, std::vector<std::string>& problems) {
  std::vector<EpochMetrics> epochs;
  std::error_code ec;
  if (!fs::exists(file, ec)) return epochs;
  std::istringstream in(read_file(file));
  size_t number = 0;
  for (std::string line; std::getline(in, line);) {
    ++number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = file.string() + ": line " + std::to_string(number);
    const auto j = json::parse(line, nullptr, /*allow_exceptions=*/false);
    try {
      if (j.is_discarded()) throw Error(where + ": not valid JSON");
      epochs.push_back(EpochMetrics::from_json(j, where));
    } catch (const Error& e) {
      problems.push_back(e.what());
    }
  }
  return epochs;
}

}  // namespace

std::vector<fs::path> fold_dirs(const fs::path& dir) {
  std::vector<std::pair<int, fs::path>> found;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(dir, ec))
    if (auto fold = fold_of_dir_name(entry.path().filename().string());
        fold && entry.is_directory(ec) && is_run_dir(entry.path()))
      found.emplace_back(*fold, entry.path());
  std::sort(found.begin(), found.end());
  std::vector<fs::path> dirs;
  for (auto& [fold, path] : found) dirs.push_back(path);
  return dirs;
}

fs::path fold_dir(const fs::path& cv_dir, int fold) { return cv_dir / (std::string(kFoldPrefix) + std::to_string(fold)); }
fs::path cv_summary_file(const fs::path& cv_dir) { return cv_dir / "summary.json"; }

fs::path robustness_file(const fs::path& dir) { return dir / "robustness.json"; }

nlohmann::json read_robustness(const fs::path& dir) {
  const auto file = robustness_file(dir);
  if (!fs::exists(file)) return nlohmann::json::object();
  auto conditions = read_json_file(file);
  if (!conditions.is_object())
    throw Error(file.string() + ": not a JSON object of robustness conditions; move it aside to start afresh");
  return conditions;
}

void write_robustness(const fs::path& dir, const nlohmann::json& conditions) {
  write_file_atomic(robustness_file(dir), conditions.dump(2));
}

json EpochMetrics::to_json() const {
  json j = {{"epoch", epoch}, {"train_loss", train_loss}, {"train_acc", train_acc}, {"lr", lr}, {"seconds", seconds}};
  put_optional(j, "val_loss", val_loss);
  put_optional(j, "val_acc", val_acc);
  if (!per_class_recall.empty()) j["per_class_recall"] = per_class_recall;
  put_optional(j, "augment_strengths", augment_strengths);
  return j;
}

EpochMetrics EpochMetrics::from_json(const json& j, const std::string& where) {
  return parsed(where, [&] {
    if (!j.is_object()) throw Error(where + ": an epoch must be a JSON object");
    EpochMetrics m;
    if (!j.contains("epoch")) throw Error(where + ": no epoch");
    m.epoch = json_int(j, "epoch", where);
    m.train_loss = j.at("train_loss").get<double>();
    m.train_acc = j.at("train_acc").get<double>();
    m.lr = j.value("lr", 0.0);
    m.seconds = j.value("seconds", 0.0);
    m.val_loss = get_optional<double>(j, "val_loss");
    m.val_acc = get_optional<double>(j, "val_acc");
    // JSON writes a NaN (a class without validation clips) as null.
    for (const auto& recall : j.value("per_class_recall", json::array()))
      m.per_class_recall.push_back(recall.is_null() ? std::nan("") : recall.get<double>());
    m.augment_strengths = get_optional<std::vector<double>>(j, "augment_strengths");
    return m;
  });
}

json FinalMetrics::to_json() const {
  json j = {{"epochs", epochs}, {"seconds", seconds}, {"steps", steps}, {"stopped_early", stopped_early},
            {"model", model}, {"protocol", protocol}, {"fold", fold}, {"train_clips", train_clips},
            {"val_clips", val_clips}, {"test_clips", test_clips}};
  put_optional(j, "test_acc", test_acc);
  put_optional(j, "test_loss", test_loss);
  put_optional(j, "val_acc", val_acc);
  put_optional(j, "val_loss", val_loss);
  put_optional(j, "best_epoch", best_epoch);
  if (best_value && !best_metric.empty()) j["best_" + best_metric] = *best_value;
  return j;
}

FinalMetrics FinalMetrics::from_json(const json& j, const std::string& where) {
  return parsed(where, [&] {
    if (!j.is_object()) throw Error(where + ": must hold a JSON object");
    FinalMetrics f;
    if (!j.contains("epochs")) throw Error(where + ": no epochs");
    f.epochs = json_int(j, "epochs", where);
    f.seconds = j.at("seconds").get<double>();
    f.steps = json_integer(j, "steps", where, 0, 0, INT64_MAX);
    f.stopped_early = j.value("stopped_early", false);
    f.model = j.value("model", std::string());
    f.protocol = j.value("protocol", std::string());
    f.fold = json_int(j, "fold", where);
    f.train_clips = json_integer(j, "train_clips", where, 0, 0, INT64_MAX);
    f.val_clips = json_integer(j, "val_clips", where, 0, 0, INT64_MAX);
    f.test_clips = json_integer(j, "test_clips", where, 0, 0, INT64_MAX);
    f.test_acc = get_optional<double>(j, "test_acc");
    f.test_loss = get_optional<double>(j, "test_loss");
    f.val_acc = get_optional<double>(j, "val_acc");
    f.val_loss = get_optional<double>(j, "val_loss");
    if (j.contains("best_epoch") && !j["best_epoch"].is_null()) f.best_epoch = json_int(j, "best_epoch", where);
    for (const char* metric : {"val_loss", "val_acc"})
      if (auto value = get_optional<double>(j, ("best_" + std::string(metric)).c_str())) {
        f.best_metric = metric;
        f.best_value = value;
      }
    return f;
  });
}

json CvSummary::to_json() const {
  json fold_list = json::array();
  for (const auto& f : folds)
    fold_list.push_back({{"fold", f.fold}, {"test_acc", f.test_acc}, {"test_loss", f.test_loss},
                         {"epochs", f.epochs}, {"seconds", f.seconds}});
  return {{"protocol", protocol}, {"model", model}, {"folds", fold_list}, {"mean_acc", mean_acc},
          {"std_acc", std_acc}, {"seconds", seconds}, {"config", config}};
}

CvSummary CvSummary::from_json(const json& j, const std::string& where) {
  return parsed(where, [&] {
    if (!j.is_object()) throw Error(where + ": must hold a JSON object");
    CvSummary s;
    s.protocol = j.value("protocol", std::string());
    s.model = j.value("model", std::string());
    for (const auto& f : j.at("folds")) {
      if (!f.is_object() || !f.contains("fold")) throw Error(where + ": every fold needs its number");
      s.folds.push_back({json_int(f, "fold", where), f.at("test_acc").get<double>(), f.value("test_loss", 0.0),
                         json_int(f, "epochs", where), f.value("seconds", 0.0)});
    }
    s.mean_acc = j.at("mean_acc").get<double>();
    s.std_acc = j.at("std_acc").get<double>();
    s.seconds = j.value("seconds", 0.0);
    s.config = j.value("config", json());
    return s;
  });
}

bool is_run_dir(const fs::path& dir) {
  std::error_code ec;
  return fs::is_regular_file(dir / "config.json", ec);
}

bool is_cv_dir(const fs::path& dir) {
  std::error_code ec;
  return fs::is_directory(dir, ec) && !is_run_dir(dir) && !fold_dirs(dir).empty();
}

Run read_run(const fs::path& dir, const ReadOptions& options) {
  const bool strict = options.strict;
  Run run;
  run.paths = {dir};
  auto& problems = run.problems;
  const auto read_object = [](const fs::path& file) {
    auto j = read_json_file(file);
    if (!j.is_object()) fail_file(file, "must hold a JSON object");
    return j;
  };
  if (strict && !is_run_dir(dir)) fail_file(dir, "not a run directory (no config.json)");
  run.config = read_optional<json>(run.paths.config(), strict, problems, read_object).value_or(nullptr);
  run.environment = read_optional<json>(run.paths.environment(), strict, problems, read_object).value_or(nullptr);
  const auto fold = run.config.is_object() ? run.config.find("fold") : run.config.end();
  if (run.config.is_object() && fold != run.config.end() && fold->is_number_integer()) run.fold = fold->get<int>();
  else if (auto from_name = fold_of_dir_name(dir.filename().string())) run.fold = *from_name;
  run.epochs = read_metrics(run.paths.metrics(), problems);
  run.final_metrics = read_optional<FinalMetrics>(run.paths.final_metrics(), strict, problems, [&](const fs::path& f) {
    return FinalMetrics::from_json(read_json_file(f), f.string());
  });
  if (options.predictions)
    run.predictions = read_optional<Predictions>(run.paths.predictions(), strict, problems, read_predictions);
  return run;
}

RunSet read_run_set(const fs::path& dir, const ReadOptions& options) {
  const bool strict = options.strict;
  RunSet set;
  set.dir = dir;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) fail_file(dir, "no such directory");
  if (is_run_dir(dir)) {
    set.runs.push_back(read_run(dir, options));
    return set;
  }
  const auto folds = fold_dirs(dir);
  if (folds.empty())
    fail_file(dir, "neither a run directory (config.json) nor a cross-validation directory "
                   "(fold-<K>/ run directories)");
  set.cross_validation = true;
  set.summary = read_optional<CvSummary>(cv_summary_file(dir), strict, set.problems, [](const fs::path& f) {
    return CvSummary::from_json(read_json_file(f), f.string());
  });
  for (const auto& f : folds) set.runs.push_back(read_run(f, options));
  return set;
}

std::vector<std::string> all_problems(const RunSet& set) {
  auto problems = set.problems;
  for (const auto& run : set.runs) problems.insert(problems.end(), run.problems.begin(), run.problems.end());
  return problems;
}

std::vector<fs::path> find_run_dirs(const fs::path& root, int max_depth) {
  std::vector<fs::path> found;
  std::error_code ec;
  if (!fs::is_directory(root, ec)) return found;
  const auto add = [&](const fs::path& dir) {
    if (is_run_dir(dir) || is_cv_dir(dir)) found.push_back(dir);
  };
  add(root);
  fs::recursive_directory_iterator it(root, fs::directory_options::skip_permission_denied, ec);
  for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it.depth() >= max_depth) it.disable_recursion_pending();
    if (it->is_directory(ec) && !it->is_symlink(ec)) add(it->path());
  }
  std::sort(found.begin(), found.end());
  return found;
}

std::string augmentation_label(const json& config) {
  if (!config.is_object()) return "none";
  const auto augment = config.find("augment");
  if (augment == config.end() || augment->is_null()) return "none";
  if (augment->is_string()) return augment->get<std::string>();
  const auto policy = augment->find("policy");  // AugmentSettings::policy
  return policy != augment->end() && policy->is_string() ? policy->get<std::string>() : augment->dump();
}

void write_config(const RunPaths& run, const json& config) { write_file_atomic(run.config(), config.dump(2)); }

void write_environment(const RunPaths& run, const json& environment) {
  write_file_atomic(run.environment(), environment.dump(2));
}

// Rewritten whole every epoch, atomically: a crash never leaves half a line.
void write_metrics(const RunPaths& run, const std::vector<EpochMetrics>& epochs) {
  std::string lines;
  for (const auto& e : epochs) lines += e.to_json().dump() + "\n";
  write_file_atomic(run.metrics(), lines);
}

void write_final(const RunPaths& run, const FinalMetrics& final_metrics) {
  write_file_atomic(run.final_metrics(), final_metrics.to_json().dump(2));
}

void write_predictions(const RunPaths& run, const Predictions& predictions) {
  write_predictions(run.predictions(), predictions);
}

CvSummary write_cv_summary(const fs::path& cv_dir, const std::string& protocol, const std::string& model,
                           const json& config) {
  CvSummary summary{.protocol = protocol, .model = model, .config = config};
  std::vector<double> accuracies;
  for (const auto& dir : fold_dirs(cv_dir)) {
    const RunPaths run{dir};
    std::error_code ec;
    if (!fs::exists(run.final_metrics(), ec)) continue;
    const auto f = FinalMetrics::from_json(read_json_file(run.final_metrics()), run.final_metrics().string());
    if (!f.test_acc) continue;
    summary.folds.push_back({*fold_of_dir_name(dir.filename().string()), *f.test_acc, f.test_loss.value_or(0),
                             f.epochs, f.seconds});
    accuracies.push_back(*f.test_acc);
    summary.seconds += f.seconds;
  }
  const auto spread = mean_and_sample_std(accuracies);
  summary.mean_acc = spread.mean;
  summary.std_acc = spread.std;
  write_file_atomic(cv_summary_file(cv_dir), summary.to_json().dump(2));
  return summary;
}

}  // namespace esc50::runs
