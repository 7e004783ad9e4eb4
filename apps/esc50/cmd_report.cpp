#include <fmt/format.h>

#include <map>

#include "apps/esc50/commands.h"
#include "apps/esc50/data_option.h"
#include "common/atomic_file.h"
#include "common/error.h"
#include "eval/plot_png.h"
#include "eval/report.h"

namespace esc50::cli {
namespace {

struct ReportCommandOptions {
  std::vector<std::string> run_dirs;
  std::string out;
  std::string png_dir;
  std::string data_dir;
  std::vector<std::string> class_groups;
  eval::ReportOptions report;
};

// Each clip's audio file in the dataset the first run trained on (or --data, or $ESC50_DIR),
// for links to the most-confused examples; none when that dataset cannot be read.
std::map<std::string, std::filesystem::path> clip_files(const std::vector<runs::RunSet>& sets,
                                                        const std::string& data_dir) {
  std::map<std::string, std::filesystem::path> files;
  if (sets.empty() || sets.front().runs.empty()) return files;
  try {
    for (const auto& clip : load_dataset_or_env(dataset_of_run(sets.front().runs.front(), data_dir)).clips)
      files[clip.stem()] = clip.path;
  } catch (const Error& e) {
    fmt::print(stderr, "note: {}\n", e.what());
  }
  return files;
}

void write_report(ReportCommandOptions& options) {
  for (const auto& group : options.class_groups) options.report.class_groups.push_back(eval::parse_class_group(group));
  std::vector<runs::RunSet> sets;
  for (const auto& dir : options.run_dirs) {
    sets.push_back(runs::read_run_set(dir));
    for (const auto& problem : runs::all_problems(sets.back())) fmt::print(stderr, "warning: {}\n", problem);
  }
  options.report.clip_files = clip_files(sets, options.data_dir);
  const auto data = eval::report_data(sets, options.report);
  write_file_atomic(options.out, eval::report_html(data));
  fmt::print("{}\n", eval::comparison_markdown(data));
  fmt::print("wrote {}{}\n", options.out,
             options.report.clip_files.empty() ? " (dataset not found: no links to example clips)" : "");
  if (options.png_dir.empty()) return;
  for (const auto& file : eval::export_pngs(options.png_dir, sets, options.report.metrics))
    fmt::print("wrote {}\n", file.string());
}

}  // namespace

void register_report(CLI::App& root) {
  auto* cmd = root.add_subcommand(
      "report",
      "One self-contained HTML report (opens offline) of one or more runs: learning curves, "
      "confusion matrix, per-class F1, most-confused pairs, settings, and a side-by-side "
      "comparison of the runs");
  static ReportCommandOptions options;
  cmd->add_option("RUN_DIR", options.run_dirs, "run or cross-validation directories")->required();
  cmd->add_option("--out", options.out, "HTML file to write")->required();
  cmd->add_option("--png", options.png_dir, "also write PNG pictures of curves and confusion matrices here");
  cmd->add_option("--data", options.data_dir, "the dataset the runs trained on, to link example clips (default: the one the first run's "
                  "config.json names, else $ESC50_DIR)");
  cmd->add_option("--title", options.report.title, "page title")->capture_default_str();
  cmd->add_option("--group", options.class_groups,
                  "NAME=CLASS,CLASS,…: a group of easily confused classes whose pooled recall is "
                  "compared across the runs, e.g. engines=helicopter,engine,airplane,train (repeatable)");
  cmd->callback([] { write_report(options); });
}

}  // namespace esc50::cli
