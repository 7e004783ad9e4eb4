#include "train/run_options.h"

#include "common/error.h"
#include "model/registry.h"
#include "train/folds.h"

namespace esc50::train {

features::FeatureSettings default_training_features() {
  features::FeatureSettings s;
  s.n_mels = 64;
  return s;
}

void add_run_options(CLI::App& cmd, RunArgs& args) {
  auto& c = args.config;
  c.features = default_training_features();
  std::string models;
  for (const auto& a : model::architectures()) models += (models.empty() ? "" : ", ") + a.name;
  cmd.add_option("--model", c.model, "network: " + models)->capture_default_str();
  cmd.add_option("--model-settings", args.model_settings_json,
                 "JSON object of the network's own settings, e.g. '{\"width\": 48}'");
  c.protocol = "auto";
  auto protocols = protocol_names();
  protocols.push_back("auto");
  cmd.add_option("--protocol", c.protocol,
                 "official (the dataset's own folds: ESC-50's five), grouped (stratified, grouped folds; "
                 "ESC-50's quick protocol), or auto: official when the dataset has folds, else grouped")
      ->capture_default_str()
      ->check(CLI::IsMember(protocols));
  cmd.add_option("--seed", c.seed, "seed of initialisation, shuffling and augmentation")->capture_default_str();
  cmd.add_option("--cache", c.cache, "feature cache directory (default: $ESC50_CACHE or ~/.cache/esc50)");
  cmd.add_option("--world-size", c.distributed.world_size, "processes in data-parallel training")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  cmd.add_option("--rank", c.distributed.rank, "this process's rank (0 writes the run)")->capture_default_str();
  cmd.add_option("--master", c.distributed.master, "HOST:PORT of rank 0's rendezvous store")->capture_default_str();
  cmd.add_flag("--quiet", args.quiet, "no progress bar: one line per epoch, for logs");
  train_params().add_options(cmd, c.train);
  features::feature_params().add_options(cmd, c.features);
}

RunConfig finish_run_config(const RunArgs& args, const data::Dataset& dataset, const nlohmann::json& augment) {
  RunConfig c = args.config;
  c.data = dataset.source.string();
  c.protocol = resolve_protocol(c.protocol, dataset);
  c.augment = augment;
  if (!args.model_settings_json.empty()) {
    c.model_settings = nlohmann::json::parse(args.model_settings_json, nullptr, false);
    if (c.model_settings.is_discarded()) throw Error("--model-settings: not valid JSON");
  }
  c.model_settings = model::find_architecture(c.model).complete_settings(c.model_settings);
  train_params().validate(c.train);
  features::feature_params().validate(c.features);
  return c;
}

}  // namespace esc50::train
