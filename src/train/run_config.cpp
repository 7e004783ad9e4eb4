#include "train/run_config.h"

#include "augment/settings.h"
#include "common/error.h"
#include "model/catalog.h"

namespace esc50::train {

nlohmann::json RunConfig::to_json() const {
  return {{"features", features::feature_params().to_json(features)},
          {"train", train_params().to_json(train)},
          {"model", model},
          {"model_settings", model::find_architecture(model).complete_settings(model_settings)},
          {"augment", augment::augment_params().to_json(augment::augment_params().from_json(augment))},
          {"protocol", protocol},
          {"fold", fold},
          {"folds_k", folds_k},
          {"seed", seed},
          {"data", data},
          {"columns", columns},
          {"init", init},
          {"teacher", teacher},
          {"cache", cache},
          {"distributed",
           {{"world_size", distributed.world_size},
            {"rank", distributed.rank},
            {"master", distributed.master}}}};
}

RunConfig RunConfig::from_json(const nlohmann::json& j, const std::filesystem::path& file) {
  RunConfig c;
  try {
    c.features = features::feature_params().from_json(j.at("features"));
    auto train = j.at("train");
    // Runs written before session 15 have no mixup_domain: they mixed log-mel values.
    if (!train.contains("mixup_domain")) train["mixup_domain"] = "db";
    c.train = train_params().from_json(train);
    c.model = j.at("model").get<std::string>();
    c.model_settings = model::find_architecture(c.model).complete_settings(j.at("model_settings"));
    c.augment = augment::augment_params().to_json(augment::augment_params().from_json(j.at("augment")));
    c.protocol = j.at("protocol").get<std::string>();
    c.fold = j.at("fold").get<int>();
    c.folds_k = j.value("folds_k", kDefaultFolds);
    c.seed = j.at("seed").get<uint64_t>();
    c.data = j.at("data").get<std::string>();
    c.columns = j.value("columns", std::string());
    c.init = j.value("init", std::string());
    c.teacher = j.value("teacher", std::string());
    c.cache = j.value("cache", std::string());
    const auto& d = j.at("distributed");
    c.distributed = {d.at("world_size").get<int>(), d.at("rank").get<int>(),
                     d.at("master").get<std::string>()};
  } catch (const nlohmann::json::exception& e) {
    fail_file(file, std::string("invalid run configuration: ") + e.what());
  } catch (const Error& e) {
    fail_file(file, e.what());
  }
  return c;
}

void validate_recipe(const RunConfig& config) {
  const auto augment = augment::augment_params().from_json(config.augment);
  const bool validation = config.train.val_fraction > 0;
  if (config.train.early_stop_patience > 0 && !validation)
    throw Error("early stopping watches the validation split: give --val-fraction (e.g. 0.1), which "
                "is carved from the training folds");
  if (augment.policy == "adaptive" && !validation)
    throw Error("--augment adaptive adapts to the per-class validation recall: give "
                "--val-fraction (e.g. 0.1), which is carved from the training folds");
  if (augment.policy != "none" && augment.cache_variants < 1)
    throw Error("--augment " + augment.policy + " trains on pre-rendered variants: give --augment-cache K (K > 0)");
}

}  // namespace esc50::train
