#include "apps/esc50/data_option.h"

#include <fmt/format.h>

#include "common/error.h"

namespace esc50::cli {

void add_data_option(CLI::App& cmd, std::string& data_dir) {
  cmd.add_option("--data", data_dir, "ESC-50 root (with meta/esc50.csv and audio/); default: $ESC50_DIR");
}

data::Esc50Dataset load_dataset_or_env(const std::string& data_dir) {
  std::filesystem::path root = data_dir;
  if (root.empty()) {
    auto env = data::esc50_dir_from_env();
    if (!env) throw Error("no dataset: pass --data DIR or set ESC50_DIR");
    root = *env;
  }
  auto dataset = data::load_esc50(root);
  if (dataset.clips.empty()) throw Error(root.string() + ": no clips of meta/esc50.csv found under audio/");
  if (dataset.missing > 0)
    fmt::print(stderr, "warning: {} of {} clips listed in meta/esc50.csv are missing under {}\n",
               dataset.missing, dataset.missing + dataset.clips.size(), (root / "audio").string());
  return dataset;
}

}  // namespace esc50::cli
