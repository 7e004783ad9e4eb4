// libFuzzer target: the run-directory readers (runs/run_directory.h) behind evaluate, report
// and the server's Results page. The input is split at "\n@@\n" into config.json,
// metrics.jsonl, final.json, predictions.json and a CV's summary.json, written to a fold of
// a scratch cross-validation directory, then read strictly (errors are Error) and tolerantly
// (errors are problems, never exceptions).
#include <cstddef>
#include <cstdint>
#include <fstream>
#include <string>
#include <string_view>

#include "common/error.h"
#include "runs/run_directory.h"
#include "scratch.h"

namespace {

const std::filesystem::path& scratch() {
  static const std::filesystem::path dir = esc50::fuzz::make_scratch_dir("fuzz_run_dir");
  return dir;
}

void write(const std::filesystem::path& file, std::string_view text) {
  std::ofstream(file, std::ios::binary | std::ios::trunc).write(text.data(), std::streamsize(text.size()));
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string_view input(reinterpret_cast<const char*>(data), size);
  const esc50::runs::RunPaths run{esc50::runs::fold_dir(scratch(), 1)};
  std::filesystem::create_directories(run.dir);
  const std::filesystem::path files[] = {run.config(), run.metrics(), run.final_metrics(), run.predictions(),
                                         esc50::runs::cv_summary_file(scratch())};
  size_t start = 0;
  for (const auto& file : files) {
    const auto end = std::min(input.find("\n@@\n", start), input.size());
    if (start <= input.size()) write(file, input.substr(start, end - start));
    else std::filesystem::remove(file);
    start = end + 4;
  }
  try {
    esc50::runs::read_run_set(scratch());
  } catch (const esc50::Error&) {
  }
  const auto set = esc50::runs::read_run_set(scratch(), {.strict = false});  // never throws for a readable directory
  for (const auto& r : set.runs)
    if (r.final_metrics) (void)esc50::runs::FinalMetrics::from_json(r.final_metrics->to_json(), "round trip");
  return 0;
}
