#include <fmt/format.h>

#include <algorithm>

#include "apps/esc50/training_flags.h"
#include "apps/esc50/commands.h"
#include "apps/esc50/cv_ensemble_output.h"
#include "apps/esc50/data_option.h"
#include "common/error.h"
#include "eval/ensemble_runs.h"
#include "features/logmel.h"
#include "train/experiment.h"
#include "train/folds.h"
#include "train/run_options.h"
#include "train/train_settings.h"

namespace esc50::cli {
namespace {

struct CvArgs {
  train::RunArgs run;
  AugmentOptions augment;
  DataOptions data;
  std::string out;
  std::vector<int> folds;  // empty: every fold of the protocol
  int jobs = 1;
  std::vector<uint64_t> seeds;  // two or more: one CV per seed, then their ensemble
  std::vector<std::string> members;  // two or more JSON objects of settings: one CV per recipe, then their ensemble
};

// A fold trained beside others resumes from its config.json in a process of this program.
// /proc/self/exe still runs it when its file has been replaced (a rebuild or an upgrade)
// during a CV of hours, whereas the path it links to would then name a deleted file.
ChildCommand resume_fold_command(const std::filesystem::path& fold_dir) {
  return {"/proc/self/exe", {"esc50-train", "train", "--resume", fold_dir.string(), "--quiet"}, {}};
}

void train_cv(const data::Dataset& dataset, const train::RunConfig& config, const CvArgs& a,
              const std::filesystem::path& dir) {
  const auto summary = train::run_cross_validation(dataset, config, a.folds, dir, a.run.quiet,
                                                    {a.jobs, resume_fold_command});
  for (const auto& f : summary.folds) fmt::print("fold {}: {:.2f} %  ({:.0f} s)\n", f.fold, 100 * f.test_acc, f.seconds);
  fmt::print("{} {} CV over {} folds: {:.2f} ± {:.2f} % (sample std) in {:.0f} s -> {}\n", config.model,
             config.protocol, summary.folds.size(), 100 * summary.mean_acc, 100 * summary.std_acc, summary.seconds,
             runs::cv_summary_file(dir).string());
}

struct Member {
  std::string name;  // its directory inside the ensemble's
  train::RunConfig config;
};

// Each member's CV is a directory of its own inside `dir` (resumable like any CV); `dir` itself
// becomes their ensemble, so evaluate, report and serve read it as one cross-validation.
void train_ensemble(const data::Dataset& dataset, const std::vector<Member>& members, const CvArgs& a,
                    const std::filesystem::path& dir) {
  // Before hours of training, not after.
  eval::require_ensemble_destination(dir);
  for (const auto& member : members) train::require_cv_of_recipe(member.config, dir / member.name);
  std::vector<std::filesystem::path> member_dirs;
  for (const auto& member : members) {
    member_dirs.push_back(dir / member.name);
    fmt::print("{} -> {}\n", member.name, member_dirs.back().string());
    train_cv(dataset, member.config, a, member_dirs.back());
  }
  print_cv_ensemble(eval::write_cv_ensemble(dir, member_dirs), member_dirs.size(), dir);
}

std::vector<Member> seed_members(const data::Dataset& dataset, const train::RunConfig& config,
                                 const std::vector<uint64_t>& seeds) {
  if (seeds.size() == 1) throw Error("--seeds: give two or more seeds for an ensemble (one seed: --seed)");
  for (const auto seed : seeds)
    if (std::count(seeds.begin(), seeds.end(), seed) > 1) throw Error(fmt::format("--seeds: seed {} is given twice", seed));
  // The grouped protocol draws its folds from the seed unless the dataset lists them.
  const auto folds_of = [&](uint64_t seed) {
    return train::assign_folds(dataset, config.protocol, seed, config.folds_k).fold_of_clip;
  };
  const auto first_folds = folds_of(seeds.front());
  std::vector<Member> members;
  for (const auto seed : seeds) {
    if (seed != seeds.front() && folds_of(seed) != first_folds)
      throw Error(fmt::format("--seeds: the {} protocol draws the folds from the seed, so seeds {} and {} would "
                              "hold out different clips; give the dataset folds of its own (a fold column, or "
                              "meta/subset-folds.csv)",
                              config.protocol, seeds.front(), seed));
    members.push_back({fmt::format("seed-{}", seed), config});
    members.back().config.seed = seed;
  }
  return members;
}

// --member '{"mixup_domain": "db"}' …: the command's recipe with each member's settings replaced.
std::vector<Member> recipe_members(const train::RunConfig& config, const std::vector<std::string>& settings) {
  if (settings.size() == 1) throw Error("--member: give two or more members for an ensemble (one: the flags alone)");
  std::vector<Member> members;
  for (size_t i = 0; i < settings.size(); ++i) {
    const auto what = fmt::format("--member {} ({})", i + 1, settings[i]);
    const auto json = nlohmann::json::parse(settings[i], nullptr, false);
    if (json.is_discarded()) throw Error(what + ": not valid JSON");
    members.push_back({fmt::format("member-{}", i + 1), train::with_settings(config, json, what)});
    const auto& features = features::feature_params();
    if (features.to_json(members.back().config.features) != features.to_json(config.features))
      throw Error(what + ": an ensemble's networks share their feature settings (its model computes them once "
                  "per clip); members may differ in augmentation and training settings");
    for (size_t j = 0; j < i; ++j)
      if (train::recipe(members[j].config) == train::recipe(members.back().config))
        throw Error(fmt::format("{}: the same recipe as member {}, so the same networks", what, j + 1));
  }
  return members;
}

void run_cv(const CvArgs& a) {
  const auto dataset = load_dataset_or_env(a.data);
  print_dataset_summary(dataset);
  const auto config = run_config_from_flags(a.run, a.augment, a.data, dataset);
  const std::filesystem::path dir = a.out.empty() ? fmt::format("runs/cv-{}-{}", config.model, config.protocol) : a.out;
  if (!a.seeds.empty())
    train_ensemble(dataset, seed_members(dataset, config, a.seeds), a, dir);
  else if (!a.members.empty())
    train_ensemble(dataset, recipe_members(config, a.members), a, dir);
  else
    train_cv(dataset, config, a, dir);
}

}  // namespace

void register_cv(CLI::App& root) {
  static CvArgs args;
  auto* cmd = root.add_subcommand("cv", "Cross-validate: train one run per held-out fold, then summarise");
  cmd->add_option("--folds", args.folds,
                  "held-out folds to run, e.g. 1,3 (split the work across sessions); default: all of the protocol's")
      ->delimiter(',');
  cmd->add_option("--jobs", args.jobs,
                  "folds to train at once, each in its own process on --threads/N threads (the folds left over "
                  "at the end share all of them); on 2 cores, 2 is the faster choice")
      ->capture_default_str()
      ->check(CLI::Range(1, train::kMaxFolds));
  cmd->add_option("--out", args.out, "CV directory with fold-<K>/ runs and summary.json (re-run to resume)");
  add_data_option(*cmd, args.data);
  train::add_run_options(*cmd, args.run);
  cmd->add_option("--seeds", args.seeds,
                  "train the CV once per seed, e.g. 0,1, into OUT/seed-<S>/, and make OUT their ensemble (mean "
                  "probabilities per fold, ensemble models); the time it reports is all members' training")
      ->delimiter(',')
      ->excludes("--seed");
  cmd->add_option("--member", args.members,
                  "a member of an ensemble of recipes, as a JSON object of `esc50 settings` keys that replace the "
                  "flags' recipe, e.g. --member '{}' --member '{\"mixup_domain\": \"db\"}': trains the CV of "
                  "each into OUT/member-<N>/ and makes OUT their ensemble; \"seed\" is the run's seed (--seed), "
                  "\"augment_seed\" the variants' (--augment-seed)")
      ->expected(1)
      ->multi_option_policy(CLI::MultiOptionPolicy::TakeAll)
      ->excludes("--seeds");
  args.augment.defaults = train::default_training_augmentation();
  add_augment_options(*cmd, args.augment);
  cmd->callback([] { run_cv(args); });
}

}  // namespace esc50::cli
