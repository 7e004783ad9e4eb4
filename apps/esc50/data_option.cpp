#include "apps/esc50/data_option.h"

#include <fmt/format.h>

#include "common/error.h"
#include "data/dataset.h"

namespace esc50::cli {

void add_data_option(CLI::App& cmd, DataOptions& data) {
  cmd.add_option("--data", data.path,
                 "dataset: an ESC-50 root (meta/esc50.csv, audio/), a folder with a subfolder of audio per "
                 "class, or a manifest CSV (file,label[,fold][,group]); default: $ESC50_DIR");
  cmd.add_option("--columns", data.columns,
                 "manifest column names, e.g. file=slice_file_name,label=class,fold=fold,prefix=audio/fold{fold}/");
}

data::Dataset load_dataset_or_env(const DataOptions& data) {
  std::filesystem::path path = data.path;
  if (path.empty()) {
    auto env = data::esc50_dir_from_env();
    if (!env) throw Error("no dataset: pass --data DIR|LIST.csv or set ESC50_DIR");
    path = *env;
  }
  auto dataset = data::load_dataset(path, data::parse_manifest_columns(data.columns));
  if (dataset.clips.empty()) throw Error(path.string() + ": no clips of meta/esc50.csv found under audio/");
  if (dataset.missing > 0)
    fmt::print(stderr, "warning: {} of {} clips listed in meta/esc50.csv are missing under {}\n",
               dataset.missing, dataset.missing + dataset.clips.size(), (path / "audio").string());
  return dataset;
}

DataOptions dataset_of_run(const runs::Run& run, const std::string& data_dir) {
  const auto stored = [&](const char* key) {
    return run.config.is_object() ? run.config.value(key, std::string()) : std::string();
  };
  DataOptions data{data_dir, stored("columns")};
  if (data.path.empty() && !stored("data").empty() && std::filesystem::exists(stored("data")))
    data.path = stored("data");
  return data;
}

void print_dataset_summary(const data::Dataset& dataset) { fmt::print(stderr, "{}\n", data::dataset_summary(dataset)); }

augment::AugmentSettings training_augmentation(augment::AugmentSettings resolved, bool policy_given,
                                               const data::Dataset& dataset) {
  if (dataset.layout == "esc50" || policy_given || resolved.policy == "none") return resolved;
  fmt::print(stderr, "augmentation: none by default outside ESC-50 (--augment balanced|acoustic|adaptive asks "
                     "for one: classes named like ESC-50's get their group's recipe, others a generic one)\n");
  resolved.policy = "none";
  return resolved;
}

}  // namespace esc50::cli
