#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <optional>

#include "api/classification_json.h"
#include "apps/esc50/commands.h"
#include "apps/esc50/hop_option.h"
#include "apps/esc50/precision_option.h"
#include "common/error.h"
#include "common/param_table_cli.h"
#include "common/parallel.h"
#include "common/progress.h"
#include "common/atomic_file.h"
#include "esc50/esc50.h"
#include "inference/audio_inputs.h"
#include "api/timeline_events.h"

namespace esc50::cli {
namespace {

struct ClassifyArgs {
  std::vector<std::filesystem::path> inputs;
  std::string model;
  std::string precision = "auto";
  int top = 5;
  bool json = false;
  bool timeline = false;
  bool events = false;
  inference::EventSettings event_settings;
  std::string csv;
  double hop_s = 0;
  int threads = 0;
  bool quiet = false;
};

struct FileResult {
  std::optional<Classification> classification;
  std::vector<inference::SoundEvent> events;
  std::string error;
};

void print_text(const std::filesystem::path& file, const FileResult& r,
                const std::vector<std::string>& names, const ClassifyArgs& a) {
  const auto& c = *r.classification;
  fmt::print("{}  ({:.2f} s)\n", file.string(), c.duration_s);
  int rank = 1;
  for (const auto& r : c.top) fmt::print("  {:2d}. {:<18} {:6.1f} %\n", rank++, r.label, 100 * r.probability);
  if (a.timeline) {
    fmt::print("  timeline ({} windows):\n", c.timeline.size());
    for (const auto& w : c.timeline) {
      const auto best = top_classes(w.values, names, 1).front();
      fmt::print("    {:7.2f} - {:7.2f} s  {:<18} {:5.1f} %\n", w.start_s, w.end_s, best.label,
                 100 * best.probability);
    }
  }
  if (!a.events) return;
  fmt::print("  events ({}):\n", r.events.size());
  for (const auto& e : r.events)
    fmt::print("    {:7.2f} - {:7.2f} s  {:<18} peak {:5.1f} %, mean {:5.1f} %\n", e.start_s, e.end_s,
               names[size_t(e.class_index)], 100 * e.peak, 100 * e.mean);
}

// One row per window (best class) and per event, for spreadsheets and plotting.
std::string csv_rows(const std::filesystem::path& file, const FileResult& r, const std::vector<std::string>& names) {
  std::string rows;
  const auto quoted = "\"" + file.string() + "\"";
  for (const auto& w : r.classification->timeline) {
    const auto best = top_classes(w.values, names, 1).front();
    rows += fmt::format("{},window,{:.3f},{:.3f},{},{:.4f},\n", quoted, w.start_s, w.end_s, best.label,
                        best.probability);
  }
  for (const auto& e : r.events)
    rows += fmt::format("{},event,{:.3f},{:.3f},{},{:.4f},{:.4f}\n", quoted, e.start_s, e.end_s,
                        names[size_t(e.class_index)], e.peak, e.mean);
  return rows;
}

nlohmann::json file_json(const std::filesystem::path& file, const FileResult& r,
                         const std::vector<std::string>& names, const ClassifyArgs& a) {
  if (!r.classification) return {{"file", file.string()}, {"error", r.error}};
  auto j = api::classification_json(*r.classification, names, a.timeline);
  if (a.events) j["events"] = inference::events_json(r.events, names);
  j["file"] = file.string();
  return j;
}

// For one long file: a bar over its audio, with the speed in multiples of real time.
std::function<void(double, double)> long_file_progress(bool enabled) {
  if (!enabled) return {};
  struct State {
    std::unique_ptr<ProgressBar> bar;
    size_t shown = 0;
    std::chrono::steady_clock::time_point start = std::chrono::steady_clock::now();
  };
  auto state = std::make_shared<State>();
  return [state](double done, double total) {
    constexpr double kLongFileS = 60;
    if (total < kLongFileS) return;
    if (!state->bar) state->bar = std::make_unique<ProgressBar>("audio (s)", size_t(total));
    const auto now = size_t(done);
    if (now <= state->shown) return;
    const double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - state->start).count();
    state->bar->advance(now - state->shown, fmt::format("{:.0f}x real time", done / std::max(elapsed, 1e-6)));
    state->shown = now;
    if (now >= size_t(total)) state->bar->finish();
  };
}

void run_classify(const ClassifyArgs& a) {
  const auto files = inference::expand_audio_inputs(a.inputs);
  if (files.empty()) throw Error("classify: no audio files found in the given folders");
  if (!a.csv.empty()) require_writable(a.csv);  // before the work, not after
  const SoundClassifier model(a.model, {.threads = 1, .precision = a.precision});
  const auto& names = model.classes();
  const bool walked = files.size() > a.inputs.size();
  ProgressBar progress("classify", files.size(), walked && !a.quiet);
  std::vector<FileResult> results(files.size());
  parallel_for(files.size(), a.threads, [&](size_t i) {
    try {
      results[i].classification = model.classify_file(
          files[i],
          {.top = a.top, .hop_seconds = a.hop_s, .on_progress = long_file_progress(files.size() == 1 && !a.quiet)});
      if (a.events) results[i].events = api::detect_events(*results[i].classification, a.event_settings);
    } catch (const Error& e) {
      results[i].error = e.what();
    }
    progress.advance();
  });
  progress.finish();
  if (!a.csv.empty()) {
    std::string csv = "file,kind,start_s,end_s,class,probability,mean\n";
    for (size_t i = 0; i < files.size(); ++i)
      if (results[i].classification) csv += csv_rows(files[i], results[i], names);
    write_file_atomic(a.csv, csv);
  }

  size_t failed = 0;
  nlohmann::json all = nlohmann::json::array();
  for (size_t i = 0; i < files.size(); ++i) {
    failed += !results[i].classification;
    if (a.json)
      all.push_back(file_json(files[i], results[i], names, a));
    else if (results[i].classification)
      print_text(files[i], results[i], names, a);
    else
      fmt::print(stderr, "esc50: error: {}\n", results[i].error);
  }
  if (a.json) fmt::print("{}\n", all.dump(2));
  if (failed)
    throw Error(fmt::format("classify: {} of {} files could not be classified", failed, files.size()));
}

}  // namespace

void register_classify(CLI::App& root) {
  static ClassifyArgs args;
  auto* cmd = root.add_subcommand(
      "classify",
      "Name the sounds in audio files of any length (folders are searched recursively)");
  cmd->add_option("INPUTS", args.inputs, "audio files and/or folders")->required();
  cmd->add_option("--model", args.model,
                  "model file (default: $ESC50_MODEL, else models/default.esc50 shipped with esc50)");
  add_precision_option(*cmd, args.precision);
  cmd->add_option("--top", args.top, "how many classes to list per file")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  cmd->add_flag("--json", args.json, "print a JSON array instead of text");
  cmd->add_flag("--timeline", args.timeline,
                "also list the best class of every window (audio longer than the model's clip)");
  cmd->add_flag("--events", args.events,
                "also merge the windows into sound events (start, end, class, peak and mean probability)");
  cmd->add_option("--threshold", args.event_settings.threshold,
                  "events: smallest (median-smoothed) probability of an event's class")
      ->capture_default_str()
      ->check(number_range(0.0, 1.0));
  cmd->add_option("--min-event", args.event_settings.min_duration_s, "events: shortest event kept (seconds)")
      ->capture_default_str()
      ->check(number_range(0.0, 1e9));
  cmd->add_option("--median", args.event_settings.median_windows,
                  "events: windows of the running median over each class's probability (odd; 1 = none)")
      ->capture_default_str()
      ->check(CLI::Range(1, 99))
      ->check([](const std::string& v) { return std::stoi(v) % 2 ? std::string() : "must be odd"; });
  cmd->add_option("--csv", args.csv, "also write the windows and events as CSV to this file");
  add_hop_option(*cmd, args.hop_s);
  cmd->add_option("--threads", args.threads, "files classified at once (0 = all cores)")
      ->capture_default_str()
      ->check(CLI::Range(0, 256));
  cmd->add_flag("--quiet", args.quiet, "no progress bar");
  cmd->callback([] { run_classify(args); });
}

}  // namespace esc50::cli
