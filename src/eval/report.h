#pragma once
// The HTML report: one self-contained file (Chart.js and the report's own script and style
// inlined at build time) that opens offline. The data it shows is computed here, in C++, and
// embedded as JSON; web/report/report.js only draws it.
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "eval/comparison.h"
#include "eval/metrics.h"
#include "runs/run_directory.h"

namespace esc50::eval {

struct ReportOptions {
  std::string title = "esc50 report";
  // Clip stem -> its audio file: the most-confused pairs link to their examples found here.
  std::map<std::string, std::filesystem::path> clip_files;
  MetricsOptions metrics = {};
  std::vector<ClassGroup> class_groups;  // recall of each, per run
};

// Everything the page shows: per run its settings, learning curves per fold, metrics of the
// pooled held-out folds; across runs a comparison table, per-class F1 differences and paired
// per-fold accuracy differences against the first run, and the recall of the class groups.
nlohmann::json report_data(const std::vector<runs::RunSet>& runs, const ReportOptions& options);

// The page's comparison tables as Markdown (printed by `esc50 report`, pasted into docs): one
// row per run, the same columns as the page plus the per-fold accuracies; then each later run's
// paired difference from the first, and the class groups' recall.
std::string comparison_markdown(const nlohmann::json& data);

// The page itself, with `data` embedded.
std::string report_html(const nlohmann::json& data);

}  // namespace esc50::eval
