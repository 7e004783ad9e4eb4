#pragma once
// Run and cross-validation directories (docs/run-directory.md): the one place that defines
// their files, writes them (atomically) and reads them. `esc50 train`/`cv` write through it;
// evaluate, report and the server's Results page read through it. No LibTorch here.
//
//   RUN/config.json environment.json metrics.jsonl final.json predictions.json model.esc50
//       checkpoint-last.pt checkpoint-best.pt (the trainer's own format)
//   CV/fold-<K>/ (a run each) summary.json
//   either: robustness.json (esc50 evaluate --perturb)
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "runs/predictions.h"

namespace esc50::runs {

struct RunPaths {
  std::filesystem::path dir;
  std::filesystem::path config() const { return dir / "config.json"; }
  std::filesystem::path environment() const { return dir / "environment.json"; }
  std::filesystem::path metrics() const { return dir / "metrics.jsonl"; }
  std::filesystem::path final_metrics() const { return dir / "final.json"; }
  std::filesystem::path predictions() const { return dir / "predictions.json"; }
  std::filesystem::path model() const { return dir / "model.esc50"; }
  std::filesystem::path checkpoint_last() const { return dir / "checkpoint-last.pt"; }
  std::filesystem::path checkpoint_best() const { return dir / "checkpoint-best.pt"; }
  std::filesystem::path log() const { return dir / "train.log"; }  // `esc50 cv --jobs N` only
};

std::filesystem::path fold_dir(const std::filesystem::path& cv_dir, int fold);  // CV/fold-K
std::filesystem::path cv_summary_file(const std::filesystem::path& cv_dir);     // CV/summary.json
// A CV's fold-<K>/ run directories (those with a config.json), in fold order.
std::vector<std::filesystem::path> fold_dirs(const std::filesystem::path& cv_dir);

// One line of metrics.jsonl.
struct EpochMetrics {
  int epoch = 0;
  double train_loss = 0;
  double train_acc = 0;
  double lr = 0;
  double seconds = 0;
  std::optional<double> val_loss = {};  // with a validation split
  std::optional<double> val_acc = {};
  std::vector<double> per_class_recall = {};  // with a validation split; NaN: a class without clips there
  std::optional<std::vector<double>> augment_strengths = {};  // with waveform augmentation

  nlohmann::json to_json() const;
  // Throws Error naming `where` for missing or mistyped fields.
  static EpochMetrics from_json(const nlohmann::json& j, const std::string& where);
};

// final.json: written once, when the run is finished.
struct FinalMetrics {
  int epochs = 0;
  double seconds = 0;
  int64_t steps = 0;
  bool stopped_early = false;
  std::string model = {};
  std::string protocol = {};
  int fold = 0;
  int64_t train_clips = 0;
  int64_t val_clips = 0;
  int64_t test_clips = 0;
  std::optional<double> test_acc = {};  // with a held-out fold: its one evaluation
  std::optional<double> test_loss = {};
  std::optional<double> val_acc = {};   // with a validation split
  std::optional<double> val_loss = {};
  std::optional<int> best_epoch = {};
  std::string best_metric = {};         // "val_loss" or "val_acc" with best_epoch
  std::optional<double> best_value = {};

  nlohmann::json to_json() const;
  static FinalMetrics from_json(const nlohmann::json& j, const std::string& where);
};

// summary.json of a cross-validation directory.
struct FoldResult {
  int fold = 0;
  double test_acc = 0;
  double test_loss = 0;
  int epochs = 0;
  double seconds = 0;
};
struct CvSummary {
  std::string protocol = {};
  std::string model = {};
  std::vector<FoldResult> folds = {};
  double mean_acc = 0;
  double std_acc = 0;  // sample std over folds (common/statistics.h), as everywhere
  double seconds = 0;  // training time summed over the folds
  nlohmann::json config = nullptr;

  nlohmann::json to_json() const;
  static CvSummary from_json(const nlohmann::json& j, const std::string& where);
};

// A run as read back. `problems` lists what could not be read (a corrupt metrics.jsonl line,
// an unreadable final.json, ...), each naming the file; callers show them.
struct Run {
  RunPaths paths;
  int fold = 0;  // held-out fold, 0 when it trained on every clip or is unknown
  nlohmann::json config = nullptr;
  nlohmann::json environment = nullptr;
  std::vector<EpochMetrics> epochs = {};
  std::optional<FinalMetrics> final_metrics = {};  // nullopt while training is unfinished
  std::optional<Predictions> predictions = {};
  std::vector<std::string> problems = {};
};

struct RunSet {
  std::filesystem::path dir;
  bool cross_validation = false;
  std::optional<CvSummary> summary = {};
  std::vector<Run> runs = {};  // a run, or a CV's folds in fold order
  std::vector<std::string> problems = {};  // of the summary; each run has its own
};

// A run directory has config.json (written when training starts); a cross-validation
// directory has fold-<K>/ run directories.
bool is_run_dir(const std::filesystem::path& dir);
bool is_cv_dir(const std::filesystem::path& dir);

struct ReadOptions {
  // A malformed file throws Error naming it (evaluate, report). Otherwise it goes to
  // `problems` and reading goes on (the server lists every run it can). A corrupt
  // metrics.jsonl line is always a problem, never an exception: the other epochs stay usable.
  bool strict = true;
  bool predictions = true;  // false: skip predictions.json (the largest file), for listings
};
Run read_run(const std::filesystem::path& dir, const ReadOptions& options = {});
// A run directory or a cross-validation directory; throws Error when `dir` is neither.
RunSet read_run_set(const std::filesystem::path& dir, const ReadOptions& options = {});
// The set's problems and those of each of its runs.
std::vector<std::string> all_problems(const RunSet& set);
// Every run and cross-validation directory at most `max_depth` levels below `root` (and root
// itself), in path order; fold directories of a CV are listed too.
std::vector<std::filesystem::path> find_run_dirs(const std::filesystem::path& root, int max_depth);

// The augmentation policy (none | balanced | acoustic | adaptive) of a run's config.json.
std::string augmentation_label(const nlohmann::json& config);

void write_config(const RunPaths& run, const nlohmann::json& config);
void write_environment(const RunPaths& run, const nlohmann::json& environment);
void write_metrics(const RunPaths& run, const std::vector<EpochMetrics>& epochs);
void write_final(const RunPaths& run, const FinalMetrics& final_metrics);
void write_predictions(const RunPaths& run, const Predictions& predictions);

// robustness.json of a run or cross-validation directory (`esc50 evaluate --perturb`): an
// object with one entry per condition ("clean" or a perturbation's name). Reading gives an
// empty object when there is none yet, and throws Error naming the file when it is not a JSON
// object, so that the conditions measured before are never overwritten unseen.
std::filesystem::path robustness_file(const std::filesystem::path& dir);
nlohmann::json read_robustness(const std::filesystem::path& dir);
void write_robustness(const std::filesystem::path& dir, const nlohmann::json& conditions);

// The summary of the finished folds (final.json) under `cv_dir`, also those trained by other
// processes or sessions; written to summary.json and returned.
CvSummary write_cv_summary(const std::filesystem::path& cv_dir, const std::string& protocol,
                           const std::string& model, const nlohmann::json& config);

}  // namespace esc50::runs
