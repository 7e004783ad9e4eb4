#include "eval/ensemble_runs.h"

#include <algorithm>
#include <map>
#include <optional>

#include "common/error.h"
#include "common/run_info.h"
#include "eval/metrics.h"
#include "model/ensemble.h"

namespace esc50::eval {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

runs::RunSet read_cv(const fs::path& dir) {
  auto set = runs::read_run_set(dir);
  if (!set.cross_validation) fail_file(dir, "is a run directory; an ensemble joins cross-validation directories");
  return set;
}

bool finished(const runs::Run& run) { return run.final_metrics && run.final_metrics->test_acc && run.predictions; }

bool has_model(const runs::Run* run) {
  std::error_code ec;
  return fs::is_regular_file(run->paths.model(), ec);
}

// Returns a note when the fold gets no ensemble model: a member has none, or the members differ
// in features or network.
std::optional<std::string> write_fold(const runs::RunPaths& out, const std::vector<const runs::Run*>& members) {
  std::vector<runs::Predictions> predictions;
  std::vector<std::string> sources;
  std::vector<fs::path> models;
  json member_runs = json::array();
  auto final_metrics = *members.front()->final_metrics;
  final_metrics.seconds = final_metrics.steps = 0;
  for (const auto* run : members) {
    predictions.push_back(*run->predictions);
    sources.push_back(run->paths.predictions().string());
    models.push_back(run->paths.model());
    member_runs.push_back({{"run", run->paths.dir.string()}, {"seed", run->config.value("seed", json(nullptr))}});
    // The fold's config.json is the first member's; what the others changed stays readable here.
    if (run != members.front()) member_runs.back()["differs_from_first"] = json::diff(members.front()->config, run->config);
    final_metrics.seconds += run->final_metrics->seconds;
    final_metrics.steps += run->final_metrics->steps;
  }
  const auto mean = runs::average_predictions(predictions, sources);
  final_metrics.test_acc = compute_metrics(mean).accuracy;
  final_metrics.test_loss = runs::log_loss(mean);
  // The members' validation figures and best epochs describe them, not the ensemble.
  final_metrics.val_acc = final_metrics.val_loss = std::nullopt;
  final_metrics.best_epoch = std::nullopt;
  final_metrics.best_metric.clear();
  final_metrics.best_value = std::nullopt;
  auto config = members.front()->config;
  config["ensemble"] = member_runs;
  fs::create_directories(out.dir);
  runs::write_config(out, config);
  runs::write_environment(out, build_environment());
  std::optional<std::string> note;
  const auto without_model = std::find_if_not(members.begin(), members.end(), has_model);
  if (without_model != members.end())
    note = out.dir.string() + ": no ensemble model, " + (*without_model)->paths.model().string() + " is missing";
  else if (auto conflict = model::ensemble_conflict(models))
    note = out.dir.string() + ": no ensemble model (the mean probabilities are still written), " + *conflict;
  if (note) {
    std::error_code ec;
    fs::remove(out.model(), ec);  // a stale one from an earlier ensemble would mislead
  } else {
    model::write_ensemble(out.model(), models);
  }
  runs::write_predictions(out, mean);
  runs::write_final(out, final_metrics);  // last: a fold counts as finished once it is there
  return note;
}

}  // namespace

void require_ensemble_destination(const fs::path& out) {
  if (!runs::is_cv_dir(out) && !runs::is_run_dir(out)) return;
  const auto set = runs::read_run_set(out, {.strict = false, .predictions = false});
  const bool trained = std::any_of(set.runs.begin(), set.runs.end(), [](const runs::Run& run) {
    return !run.config.is_object() || !run.config.contains("ensemble");
  });
  if (trained) fail_file(out, "holds runs that are not an ensemble; write the ensemble elsewhere");
}

CvEnsemble write_cv_ensemble(const fs::path& out, const std::vector<fs::path>& members) {
  if (members.size() < 2) throw Error("an ensemble needs at least two cross-validation directories");
  std::error_code ec;
  for (const auto& dir : members)
    if (fs::equivalent(out, dir, ec)) fail_file(out, "is one of the ensemble's members; write the ensemble elsewhere");
  require_ensemble_destination(out);
  std::vector<runs::RunSet> sets;
  for (const auto& dir : members) sets.push_back(read_cv(dir));
  std::map<int, std::vector<const runs::Run*>> folds;
  for (const auto& set : sets)
    for (const auto& run : set.runs) folds[run.fold].push_back(finished(run) ? &run : nullptr);
  CvEnsemble result;
  int written = 0;
  for (const auto& [fold, runs_of_fold] : folds) {
    if (runs_of_fold.size() == sets.size() && std::find(runs_of_fold.begin(), runs_of_fold.end(), nullptr) == runs_of_fold.end()) {
      if (auto note = write_fold({runs::fold_dir(out, fold)}, runs_of_fold)) result.notes.push_back(*note);
      ++written;
    } else {
      result.notes.push_back("fold " + std::to_string(fold) + " left out: not finished in every member");
    }
  }
  if (written == 0) throw Error("no fold is finished in every member of the ensemble");
  const auto& first = sets.front();
  auto config = first.summary ? first.summary->config : json(nullptr);
  if (config.is_object()) {
    config["ensemble"] = json::array();
    for (const auto& dir : members) config["ensemble"].push_back(dir.string());
  }
  result.summary = runs::write_cv_summary(out, first.summary ? first.summary->protocol : "",
                                          first.summary ? first.summary->model : "", config);
  return result;
}

}  // namespace esc50::eval
