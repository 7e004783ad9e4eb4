#include <fmt/format.h>

#include "apps/esc50/training_flags.h"
#include "apps/esc50/commands.h"
#include "apps/esc50/data_option.h"
#include "common/json_file.h"
#include "common/error.h"
#include "train/experiment.h"
#include "train/run_options.h"
#include "train/train_settings.h"

namespace esc50::cli {
namespace {

struct TrainArgs {
  train::RunArgs run;
  AugmentOptions augment;
  DataOptions data;
  std::string out;
  std::string resume;
};

void print_final(const runs::FinalMetrics& final, const std::filesystem::path& dir) {
  if (final.test_acc)
    fmt::print("fold {}: test acc {:.2f} % (loss {:.3f}) after {} epochs in {:.0f} s -> {}\n", final.fold,
               100 * *final.test_acc, final.test_loss.value_or(0), final.epochs, final.seconds, dir.string());
  else
    fmt::print("trained on all clips for {} epochs in {:.0f} s -> {}\n", final.epochs, final.seconds,
               runs::RunPaths{dir}.model().string());
}

void run_train(const TrainArgs& a) {
  if (!a.resume.empty()) {
    const std::filesystem::path dir = a.resume;
    const runs::RunPaths run{dir};
    if (!runs::is_run_dir(dir)) fail_file(run.config(), "not found: is this a run directory?");
    auto config = train::RunConfig::from_json(read_json_file(run.config()), run.config());
    if (config.cache.empty()) config.cache = default_cache_dir().string();  // a run from before it was recorded
    const auto dataset = load_dataset_or_env({config.data, config.columns});
    print_dataset_summary(dataset);
    print_final(train::prepare_and_train(dataset, config, {dir, true, a.run.quiet}), dir);
    return;
  }
  const auto dataset = load_dataset_or_env(a.data);
  print_dataset_summary(dataset);
  const auto config = run_config_from_flags(a.run, a.augment, a.data, dataset);
  const std::filesystem::path dir =
      a.out.empty() ? fmt::format("runs/{}-{}-fold{}", config.model, config.protocol, config.fold) : a.out;
  if (std::filesystem::exists(runs::RunPaths{dir}.checkpoint_last()))
    throw Error(dir.string() + ": holds a run already; continue it with --resume " + dir.string() +
                " or choose another --out");
  print_final(train::prepare_and_train(dataset, config, {dir, false, a.run.quiet}), dir);
}

}  // namespace

void register_train(CLI::App& root) {
  static TrainArgs args;
  auto* cmd = root.add_subcommand("train", "Train a model with one fold held out (or on every clip with --fold 0)");
  cmd->add_option("--fold", args.run.config.fold, "held-out fold (1..the protocol's folds); 0 = train on all clips")
      ->capture_default_str()
      ->check(CLI::Range(0, train::kMaxFolds));
  cmd->add_option("--out", args.out, "run directory (default: runs/<model>-<protocol>-fold<K>)");
  cmd->add_option("--resume", args.resume, "continue the interrupted run in RUN_DIR (its config.json wins)");
  add_data_option(*cmd, args.data);
  train::add_run_options(*cmd, args.run);
  args.augment.defaults = train::default_training_augmentation();
  add_augment_options(*cmd, args.augment);
  cmd->callback([] { run_train(args); });
}

}  // namespace esc50::cli
