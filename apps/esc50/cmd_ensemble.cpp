#include <fmt/format.h>

#include <algorithm>

#include "apps/esc50/commands.h"
#include "common/error.h"
#include "eval/ensemble_runs.h"
#include "model/ensemble.h"

namespace esc50::cli {
namespace {

namespace fs = std::filesystem;

struct EnsembleOptions {
  std::vector<std::string> inputs;
  std::string out;
};

void ensemble_models(const std::vector<fs::path>& files, const fs::path& out) {
  const auto ensemble = model::write_ensemble(out, files);
  fmt::print("ensemble of {} {} networks ({} parameters) -> {}\n", ensemble.info.members,
             ensemble.info.architecture, ensemble.info.parameter_count, out.string());
}

void ensemble_cvs(const std::vector<fs::path>& dirs, const fs::path& out) {
  const auto result = eval::write_cv_ensemble(out, dirs);
  for (const auto& note : result.notes) fmt::print(stderr, "note: {}\n", note);
  for (const auto& fold : result.summary.folds)
    fmt::print("fold {}: {:.2f} %  (members' training {:.0f} s)\n", fold.fold, 100 * fold.test_acc, fold.seconds);
  fmt::print("ensemble of {} over {} folds: {:.2f} ± {:.2f} % (sample std); members' training {:.0f} s in all -> {}\n",
             dirs.size(), result.summary.folds.size(), 100 * result.summary.mean_acc, 100 * result.summary.std_acc,
             result.summary.seconds, runs::cv_summary_file(out).string());
}

void run_ensemble(const EnsembleOptions& options) {
  std::vector<fs::path> inputs(options.inputs.begin(), options.inputs.end());
  std::error_code ec;
  const auto directories = std::count_if(inputs.begin(), inputs.end(), [&](const fs::path& p) { return fs::is_directory(p, ec); });
  if (directories == 0) return ensemble_models(inputs, options.out);
  if (directories == long(inputs.size())) return ensemble_cvs(inputs, options.out);
  throw Error("give either model files or cross-validation directories, not both");
}

}  // namespace

void register_ensemble(CLI::App& root) {
  auto* cmd = root.add_subcommand(
      "ensemble",
      "Average networks trained with different seeds: model files into one ensemble model file, or "
      "cross-validation directories of the same folds into one cross-validation directory (mean "
      "probabilities, accuracy, ensemble models per fold) for report, evaluate and serve");
  static EnsembleOptions options;
  cmd->add_option("INPUT", options.inputs, "model files (.esc50), or cross-validation directories")
      ->required()
      ->check(CLI::ExistingPath);
  cmd->add_option("--out", options.out, "model file, or cross-validation directory, to write")->required();
  cmd->callback([] { run_ensemble(options); });
}

}  // namespace esc50::cli
