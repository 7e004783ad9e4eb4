// What every policy shares: reporting, per-class views, the clean-or-augmented coin, seeds.
#include "augment/policy.h"

#include <fmt/format.h>

#include "augment/policies.h"
#include "common/error.h"
#include "common/rng.h"
#include "data/esc50_meta.h"

namespace esc50::augment {

std::string AppliedTransform::to_string() const {
  std::string out = name + "(";
  for (size_t i = 0; i < params.size(); ++i)
    out += fmt::format("{}{}={:.4g}", i ? ", " : "", params[i].first, params[i].second);
  return out + ")";
}

nlohmann::json AppliedTransform::to_json() const {
  nlohmann::json j = {{"name", name}};
  for (const auto& [key, value] : params) j[key] = value;
  return j;
}

void Policy::update(std::span<const double>) {}

nlohmann::json Policy::state() const { return {{"policy", name()}}; }

void Policy::load_state(const nlohmann::json& state) {
  if (!state.is_object() || state.value("policy", std::string()) != name())
    throw Error("augmentation state is not for policy '" + name() + "'");
}

std::vector<double> Policy::strengths() const {
  std::vector<double> out(static_cast<size_t>(class_count()));
  for (int c = 0; c < class_count(); ++c) out[size_t(c)] = strength(c);
  return out;
}

std::vector<double> Policy::probabilities() const {
  std::vector<double> out(static_cast<size_t>(class_count()));
  for (int c = 0; c < class_count(); ++c) out[size_t(c)] = probability(c);
  return out;
}

int Policy::recipe_of(int target) const {
  if (target < 0 || target >= class_count())
    throw Error("class index " + std::to_string(target) + " is outside 0.." + std::to_string(class_count() - 1));
  return recipe_of_class_[size_t(target)];
}

std::vector<int> class_recipes(const std::vector<std::string>& class_names) {
  std::vector<int> recipes;
  for (const auto& name : class_names) recipes.push_back(data::esc50_group_of_name(name).value_or(kGenericRecipe));
  return recipes;
}

const std::vector<std::string>& policy_names() {
  static const std::vector<std::string> names = {"none", "balanced", "acoustic", "adaptive"};
  return names;
}

std::unique_ptr<Policy> make_policy(const AugmentSettings& settings, const std::vector<std::string>& class_names) {
  validate(settings);
  if (class_names.empty()) throw Error("augmentation: the dataset has no classes");
  auto recipes = class_recipes(class_names);
  if (settings.policy == "none") return std::make_unique<NonePolicy>(settings, std::move(recipes));
  if (settings.policy == "balanced") return std::make_unique<BalancedPolicy>(settings, std::move(recipes));
  if (settings.policy == "acoustic") return std::make_unique<AcousticPolicy>(settings, std::move(recipes));
  if (settings.policy == "adaptive") return std::make_unique<AdaptivePolicy>(settings, std::move(recipes));
  throw Error("unknown augmentation policy '" + settings.policy + "'");
}

uint64_t mix_seed(uint64_t a, uint64_t b, uint64_t c) {
  Rng rng(a);
  uint64_t h = rng.next();
  h = Rng(h ^ b).next();
  return Rng(h ^ (c * 0x9e3779b97f4a7c15ULL)).next();
}

}  // namespace esc50::augment
