#include <fmt/format.h>

#include <filesystem>

#include "apps/esc50/commands.h"
#include "apps/esc50/hop_option.h"
#include "apps/esc50/precision_option.h"
#include "common/atomic_file.h"
#include "common/error.h"
#include "common/npy.h"
#include "common/parallel.h"
#include "common/progress.h"
#include "esc50/esc50.h"
#include "common/csv.h"
#include "inference/audio_inputs.h"

namespace esc50::cli {
namespace {

struct EmbedArgs {
  std::vector<std::filesystem::path> inputs;
  std::filesystem::path out;
  std::string model;
  std::string precision = "auto";
  double hop_s = 0;
  int threads = 0;
  bool quiet = false;
};

// Row i of OUT.npy is the mean embedding of file i of OUT.csv; a file that cannot be read
// fails the command (after the others are done) rather than leaving a row out.
void run_embed(const EmbedArgs& a) {
  const auto files = inference::expand_audio_inputs(a.inputs);
  if (files.empty()) throw Error("embed: no audio files found in the given folders");
  const SoundClassifier model(a.model, {.threads = 1, .precision = a.precision});
  const size_t size = size_t(model.model().embedding_size);
  std::vector<float> rows(files.size() * size);
  std::vector<double> durations(files.size());
  std::vector<std::string> errors(files.size());
  ProgressBar progress("embed", files.size(), !a.quiet);
  parallel_for(files.size(), a.threads, [&](size_t i) {
    try {
      const auto e = model.embed_file(files[i], a.hop_s);
      std::copy(e.values.begin(), e.values.end(), rows.begin() + std::ptrdiff_t(i * size));
      durations[i] = e.duration_s;
    } catch (const Error& e) {
      errors[i] = e.what();
    }
    progress.advance();
  });
  progress.finish();
  size_t failed = 0;
  for (const auto& e : errors)
    if (!e.empty()) fmt::print(stderr, "esc50: error: {}\n", e), ++failed;
  if (failed) throw Error(fmt::format("embed: {} of {} files could not be read; nothing written", failed, files.size()));

  write_npy(a.out, rows, {int64_t(files.size()), int64_t(size)});
  auto csv_path = a.out;
  csv_path.replace_extension(".csv");
  std::string csv = csv_line({"row", "file", "duration_s"});
  for (size_t i = 0; i < files.size(); ++i)
    csv += csv_line({std::to_string(i), files[i].string(), fmt::format("{:.3f}", durations[i])});
  write_file_atomic(csv_path, csv);
  fmt::print("{} embeddings of {} values ({}) -> {} and {}\n", files.size(), size, model.model().architecture,
             a.out.string(), csv_path.string());
}

}  // namespace

void register_embed(CLI::App& root) {
  static EmbedArgs args;
  auto* cmd = root.add_subcommand(
      "embed", "Export the network's penultimate features of audio files, for a classifier of your own");
  cmd->add_option("INPUTS", args.inputs, "audio files and/or folders (searched recursively)")->required();
  cmd->add_option("--out", args.out, "embeddings, one row per file (.npy, float32 [files, size]); "
                                     "the file names go to the same path with .csv")
      ->required();
  cmd->add_option("--model", args.model,
                  "model file (default: $ESC50_MODEL, else models/default.esc50 shipped with esc50)");
  add_precision_option(*cmd, args.precision);
  add_hop_option(*cmd, args.hop_s, "; a file's row is the mean over its windows");
  cmd->add_option("--threads", args.threads, "files embedded at once (0 = all cores)")
      ->capture_default_str()
      ->check(CLI::Range(0, 256));
  cmd->add_flag("--quiet", args.quiet, "no progress bar");
  cmd->callback([] { run_embed(args); });
}

}  // namespace esc50::cli
