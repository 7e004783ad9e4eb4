#include "eval/run_dir.h"

#include <algorithm>
#include <charconv>

#include "common/error.h"
#include "eval/json_file.h"

namespace esc50::eval {
namespace {

constexpr std::string_view kFoldPrefix = "fold-";

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

std::vector<std::filesystem::path> fold_dirs(const std::filesystem::path& dir) {
  std::vector<std::pair<int, std::filesystem::path>> found;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec))
    if (auto fold = fold_of_dir_name(entry.path().filename().string());
        fold && entry.is_directory() && is_run_dir(entry.path()))
      found.emplace_back(*fold, entry.path());
  std::sort(found.begin(), found.end());
  std::vector<std::filesystem::path> dirs;
  for (auto& [fold, path] : found) dirs.push_back(path);
  return dirs;
}

}  // namespace

bool is_run_dir(const std::filesystem::path& dir) {
  return std::filesystem::is_regular_file(dir / "config.json");
}

bool is_cv_dir(const std::filesystem::path& dir) {
  return std::filesystem::is_directory(dir) && !fold_dirs(dir).empty();
}

TrainingRun load_training_run(const std::filesystem::path& dir) {
  TrainingRun run;
  run.dir = dir;
  run.config = read_json_file(dir / "config.json");
  if (!run.config.is_object()) fail_file(dir / "config.json", "must hold a JSON object");
  const auto fold = run.config.find("fold");
  if (fold != run.config.end() && fold->is_number_integer()) run.fold = fold->get<int>();
  else if (auto from_name = fold_of_dir_name(dir.filename().string())) run.fold = *from_name;
  if (std::filesystem::exists(dir / "metrics.jsonl"))
    run.epochs = read_json_lines(dir / "metrics.jsonl");
  if (std::filesystem::exists(dir / "final.json")) run.final_metrics = read_json_file(dir / "final.json");
  if (std::filesystem::exists(run.predictions_file()))
    run.predictions = read_predictions(run.predictions_file());
  return run;
}

RunSet load_run_set(const std::filesystem::path& dir) {
  RunSet set;
  set.dir = dir;
  if (!std::filesystem::is_directory(dir)) fail_file(dir, "no such directory");
  if (is_run_dir(dir)) {
    set.runs.push_back(load_training_run(dir));
    return set;
  }
  const auto folds = fold_dirs(dir);
  if (folds.empty())
    fail_file(dir, "neither a run directory (config.json) nor a cross-validation directory "
                   "(fold-<K>/ run directories)");
  set.cross_validation = true;
  if (std::filesystem::exists(dir / "summary.json")) set.summary = read_json_file(dir / "summary.json");
  for (const auto& f : folds) set.runs.push_back(load_training_run(f));
  return set;
}

std::string augmentation_label(const nlohmann::json& config) {
  const auto augment = config.find("augment");
  if (augment == config.end() || augment->is_null()) return "none";
  if (augment->is_string()) return augment->get<std::string>();
  const auto policy = augment->find("policy");  // AugmentSettings::policy
  return policy != augment->end() && policy->is_string() ? policy->get<std::string>() : augment->dump();
}

}  // namespace esc50::eval
