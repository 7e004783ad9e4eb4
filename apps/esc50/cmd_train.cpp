#include <fmt/format.h>

#include "apps/esc50/augment_option.h"
#include "apps/esc50/commands.h"
#include "apps/esc50/data_option.h"
#include "common/atomic_file.h"
#include "common/error.h"
#include "train/experiment.h"
#include "train/run_options.h"
#include "train/train_settings.h"
#include "train/trainer.h"

namespace esc50::cli {
namespace {

struct TrainArgs {
  train::RunArgs run;
  AugmentOptions augment;
  DataOptions data;
  std::string out;
  std::string resume;
};

void print_final(const nlohmann::json& final, const std::filesystem::path& dir) {
  if (final.contains("test_acc"))
    fmt::print("fold {}: test acc {:.2f} % (loss {:.3f}) after {} epochs in {:.0f} s -> {}\n",
               final["fold"].get<int>(), 100 * final["test_acc"].get<double>(),
               final["test_loss"].get<double>(), final["epochs"].get<int>(),
               final["seconds"].get<double>(), dir.string());
  else
    fmt::print("trained on all clips for {} epochs in {:.0f} s -> {}\n", final["epochs"].get<int>(),
               final["seconds"].get<double>(), (dir / "model.esc50").string());
}

void run_train(const TrainArgs& a) {
  if (!a.resume.empty()) {
    const std::filesystem::path dir = a.resume;
    const auto config_file = dir / "config.json";
    if (!std::filesystem::exists(config_file)) fail_file(config_file, "not found: is this a run directory?");
    auto json = nlohmann::json::parse(read_file(config_file), nullptr, false);
    if (json.is_discarded()) fail_file(config_file, "not valid JSON");
    const auto config = train::RunConfig::from_json(json, config_file);
    const auto dataset = load_dataset_or_env({config.data, config.columns});
    print_dataset_summary(dataset);
    const auto data = train::prepare_training_data(dataset, config, a.run.quiet);
    print_final(train::train_run(data, config, {dir, true, a.run.quiet}), dir);
    return;
  }
  const auto dataset = load_dataset_or_env(a.data);
  print_dataset_summary(dataset);
  auto config = train::finish_run_config(
      a.run, dataset,
      augment::augment_params().to_json(training_augmentation(a.augment.resolve(), a.augment.policy.has_value(), dataset)));
  config.columns = a.data.columns;
  const std::filesystem::path dir =
      a.out.empty() ? fmt::format("runs/{}-{}-fold{}", config.model, config.protocol, config.fold) : a.out;
  if (std::filesystem::exists(dir / "checkpoint-last.pt"))
    throw Error(dir.string() + ": holds a run already; continue it with --resume " + dir.string() +
                " or choose another --out");
  const auto data = train::prepare_training_data(dataset, config, a.run.quiet);
  print_final(train::train_run(data, config, {dir, false, a.run.quiet}), dir);
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
