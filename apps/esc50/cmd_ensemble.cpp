#include <fmt/format.h>

#include <algorithm>

#include "apps/esc50/commands.h"
#include "apps/esc50/cv_ensemble_output.h"
#include "common/error.h"
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
  print_cv_ensemble(eval::write_cv_ensemble(out, dirs), dirs.size(), out);
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
