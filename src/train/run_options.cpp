#include "train/run_options.h"

#include "augment/settings.h"
#include "common/error.h"
#include "common/param_table_cli.h"
#include "model/ensemble.h"
#include "model/model_file.h"
#include "model/catalog.h"
#include "train/folds.h"

namespace esc50::train {

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
  cmd.add_option("--folds-k", c.folds_k,
                 "folds the grouped protocol builds when the dataset has none of its own (and no subset-folds.csv)")
      ->capture_default_str()
      ->check(CLI::Range(2, kMaxFolds));
  cmd.add_option("--init", c.init,
                 "fine-tune: start from this model file's weights (e.g. models/default.esc50) with a new output "
                 "layer for the dataset's classes; its architecture and feature settings are used "
                 "(see --freeze-epochs, --backbone-lr-scale)");
  cmd.add_option("--teacher", c.teacher,
                 "distil: a model file (one network or an ensemble) whose probabilities on each training clip "
                 "become part of its target (see --distill-weight); for held-out folds, the cross-validation "
                 "directory whose fold-<K>/ held out the same clips");
  cmd.add_option("--seed", c.seed, "seed of initialisation, shuffling and augmentation")->capture_default_str();
  cmd.add_option("--cache", c.cache, "feature cache directory (default: $ESC50_CACHE, else $XDG_CACHE_HOME/esc50, else ~/.cache/esc50)");
  cmd.add_option("--world-size", c.distributed.world_size, "processes in data-parallel training")
      ->capture_default_str()
      ->check(CLI::Range(1, 1024));
  cmd.add_option("--rank", c.distributed.rank, "this process's rank (0 writes the run)")->capture_default_str();
  cmd.add_option("--master", c.distributed.master, "HOST:PORT of rank 0's rendezvous store")->capture_default_str();
  cmd.add_flag("--quiet", args.quiet, "no progress bar: one line per epoch, for logs");
  add_param_options(cmd, train_params(), c.train);
  add_param_options(cmd, features::feature_params(), c.features);
}

namespace {

// Fine-tuning keeps the init model's network and input: its architecture, settings and
// features replace the defaults, and a flag asking for others is an error.
void adopt_init_model(RunConfig& c) {
  const auto init = model::read_model_file(c.init).info;
  model::require_one_network(init, c.init);
  if (c.model != init.architecture && c.model != RunConfig{}.model)
    throw Error("--init " + c.init + " is a " + init.architecture + " network; --model " + c.model + " conflicts");
  const auto& table = features::feature_params();
  if (table.to_json(c.features) != table.to_json(default_training_features()) &&
      table.to_json(c.features) != table.to_json(init.features))
    throw Error("--init " + c.init + ": feature flags conflict with the model's own feature settings "
                "(fine-tuning keeps them; drop the feature flags)");
  c.model = init.architecture;
  c.model_settings = init.architecture_settings;
  c.features = init.features;
}

}  // namespace

RunConfig finish_run_config(const RunArgs& args, const data::Dataset& dataset, const nlohmann::json& augment) {
  RunConfig c = args.config;
  c.data = dataset.source.string();
  c.protocol = resolve_protocol(c.protocol, dataset);
  c.augment = augment;
  if (!args.model_settings_json.empty()) {
    c.model_settings = nlohmann::json::parse(args.model_settings_json, nullptr, false);
    if (c.model_settings.is_discarded()) throw Error("--model-settings: not valid JSON");
  }
  if (!c.init.empty()) {
    c.init = std::filesystem::absolute(c.init).string();  // --resume may run elsewhere
    adopt_init_model(c);
  }
  if (!c.teacher.empty()) c.teacher = std::filesystem::absolute(c.teacher).string();
  c.model_settings = model::find_architecture(c.model).complete_settings(c.model_settings);
  train_params().validate(c.train);
  features::feature_params().validate(c.features);
  return c;
}

RunConfig with_settings(RunConfig config, const nlohmann::json& settings, const std::string& what) {
  if (!settings.is_object()) throw Error(what + ": settings must be a JSON object, e.g. {\"mixup_domain\": \"db\"}");
  const auto& feature_table = features::feature_params();
  const auto& augment_table = augment::augment_params();
  const auto& train_table = train_params();
  auto feature_settings = nlohmann::json::object(), augment_settings = nlohmann::json::object(),
       train_settings = nlohmann::json::object();
  for (const auto& item : settings.items()) {
    const auto& key = item.key();
    // As on the command line: `seed` is the run's (--seed: initialisation, shuffling, mixing) and
    // `augment_seed` the augmentation table's (--augment-seed), whose own key is `seed`.
    if (key == "seed") {
      if (!item.value().is_number_integer() || item.value().get<int64_t>() < 0)
        throw Error(what + ": seed must be a non-negative integer, not " + item.value().dump());
      config.seed = item.value().get<uint64_t>();
      continue;
    }
    if (key == "augment_seed") {
      augment_settings["seed"] = item.value();
      continue;
    }
    const bool in_features = feature_table.contains(key), in_augment = augment_table.contains(key),
               in_train = train_table.contains(key);
    if (int(in_features) + int(in_augment) + int(in_train) == 0)
      throw Error(what + ": unknown setting '" + key + "': not a feature, augmentation or training setting of "
                  "`esc50 settings` (a network's settings, such as width, go in --model-settings)");
    if (int(in_features) + int(in_augment) + int(in_train) > 1)
      throw Error(what + ": setting '" + key + "' is in more than one table of `esc50 settings`");
    (in_features ? feature_settings : in_augment ? augment_settings : train_settings)[key] = item.value();
  }
  try {
    config.features = feature_table.from_json(feature_settings, config.features);
    const auto augmentation = augment_table.from_json(augment_settings, augment_table.from_json(config.augment));
    augment::validate(augmentation);
    config.augment = augment_table.to_json(augmentation);
    config.train = train_table.from_json(train_settings, config.train);
    validate_recipe(config);
  } catch (const Error& e) {
    throw Error(what + ": " + e.what());
  }
  return config;
}

}  // namespace esc50::train
