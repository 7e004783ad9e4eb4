#include <gtest/gtest.h>

#include "augment/settings.h"
#include "common/atomic_file.h"
#include "data/esc50_meta.h"
#include "test_support.h"
#include "train/trainer.h"
#include "train/training_data.h"

namespace esc50::train {
namespace {

// 24 real clips of folds 1 and 2 (fold 1 held out), so rendering stays a few seconds.
data::Dataset few_clips() {
  auto dataset = data::load_esc50(test::esc50_dir());
  std::vector<data::Clip> kept;
  int per_fold[3] = {0, 0, 0};
  for (const auto& c : dataset.clips)
    if (c.fold <= 2 && c.target % 4 == 0 && per_fold[c.fold]++ < 12) kept.push_back(c);
  dataset.clips = kept;
  return dataset;
}

RunConfig adaptive_config(int epochs) {
  RunConfig c;
  c.model_settings = {{"width", 4}, {"blocks", 2}};
  c.augment = augment::augment_params().to_json([] {
    augment::AugmentSettings s;
    s.policy = "adaptive";
    s.cache_variants = 2;
    s.strength_levels = 2;
    return s;
  }());
  c.fold = 1;
  c.seed = 3;
  c.train.epochs = epochs;
  c.train.batch_size = 4;
  c.train.schedule = "constant";  // so a 1-epoch run extended to 2 equals a 2-epoch run
  c.train.warmup_epochs = 0;
  c.train.precision = "fp32";
  c.train.threads = 1;
  c.train.val_fraction = 0.25;  // the adaptive policy follows the validation split's recall
  return c;
}

TEST(AugmentedTraining, AdaptiveStateIsLoggedCheckpointedAndResumed) {
  ESC50_REQUIRE_DATASET();
  test::TempDir dir;
  const auto dataset = few_clips();
  const auto folds = assign_folds(dataset, "official", 0);
  const auto data = load_training_data(dataset, folds, adaptive_config(2).features,
                                       augment::augment_params().from_json(adaptive_config(2).augment),
                                       dir / "cache", 1, false);
  ASSERT_EQ(data.variants.size(), 2u);
  EXPECT_FALSE(torch::equal(data.variants[0], data.features));

  const auto straight = train_run(data, adaptive_config(2), {dir / "straight", false, true}).to_json();
  const auto metrics = read_file(dir / "straight" / "metrics.jsonl");
  const auto last = nlohmann::json::parse(metrics.substr(metrics.rfind('\n', metrics.size() - 2) + 1));
  ASSERT_EQ(last["augment_strengths"].size(), 50u);

  train_run(data, adaptive_config(1), {dir / "extended", false, true});
  auto config = adaptive_config(2);
  const auto extended = train_run(data, config, {dir / "extended", true, true}).to_json();
  EXPECT_EQ(extended["val_loss"], straight["val_loss"]);
  EXPECT_EQ(extended["test_loss"], straight["test_loss"]);
  EXPECT_EQ(extended["steps"], straight["steps"]);
}

}  // namespace
}  // namespace esc50::train
