#include "model/ensemble.h"

#include "common/error.h"

namespace esc50::model {
namespace {

// What keeps `next` (from `file`) out of an ensemble whose first member is `first`, if anything.
std::optional<std::string> conflict(const ModelInfo& first, const ModelInfo& next, const std::filesystem::path& file,
                                    const std::filesystem::path& first_file) {
  std::string what;
  if (next.architecture != first.architecture || next.architecture_settings != first.architecture_settings)
    what = "architecture and its settings";
  else if (features::feature_params().to_json(next.features) != features::feature_params().to_json(first.features))
    what = "feature settings";
  else if (next.class_names != first.class_names)
    what = "class names";
  else
    return std::nullopt;
  return file.string() + ": its " + what + " differ from those of " + first_file.string() +
         "; an ensemble's members must share them";
}

TensorTable join_members(std::vector<TensorTable>& members) {
  TensorTable joined;
  for (size_t m = 0; m < members.size(); ++m)
    for (auto& [name, tensor] : members[m]) joined.emplace(member_tensor_name(int(m), name), std::move(tensor));
  return joined;
}

}  // namespace

Ensemble combine_models(const std::vector<std::filesystem::path>& files) {
  if (files.empty()) throw Error("an ensemble needs model files");
  Ensemble ensemble;
  auto& info = ensemble.info;
  nlohmann::json member_provenance = nlohmann::json::array();
  std::vector<TensorTable> members;
  for (const auto& file : files) {
    auto model = read_model_file(file);
    if (model.format_version != kModelFormatVersion)
      fail_file(file, "model file format " + std::to_string(model.format_version) +
                          " cannot join an ensemble; convert it with `esc50 upgrade-model " + file.string() + "`");
    if (members.empty()) {
      info = model.info;
      info.parameter_count = 0;
    } else {
      if (auto why = conflict(info, model.info, file, files.front())) throw Error(*why);
    }
    for (int m = 0; m < model.info.members; ++m) members.push_back(member_tensors(model.tensors, m, model.info.members));
    info.parameter_count += model.info.parameter_count;
    member_provenance.push_back({{"file", file.string()}, {"provenance", model.info.provenance}});
  }
  if (members.size() < 2) throw Error("an ensemble needs at least two networks; " + files.front().string() + " is one");
  info.members = int(members.size());
  ensemble.tensors = join_members(members);
  info.provenance = {{"ensemble_of", member_provenance}};
  return ensemble;
}

std::optional<std::string> ensemble_conflict(const std::vector<std::filesystem::path>& files) {
  if (files.empty()) return std::nullopt;
  const auto first = read_model_file(files.front()).info;
  for (size_t i = 1; i < files.size(); ++i)
    if (auto why = conflict(first, read_model_file(files[i]).info, files[i], files.front())) return why;
  return std::nullopt;
}

void require_one_network(const ModelInfo& info, const std::filesystem::path& file) {
  if (info.members > 1)
    fail_file(file, "is an ensemble of " + std::to_string(info.members) +
                        " networks; training and fine-tuning start from one network");
}

Ensemble write_ensemble(const std::filesystem::path& out, const std::vector<std::filesystem::path>& files) {
  auto ensemble = combine_models(files);
  write_model_file(out, ensemble.info, ensemble.tensors);
  return ensemble;
}

}  // namespace esc50::model
