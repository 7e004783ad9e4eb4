// Training batches with a teacher (train/teacher.h): each target is the label and the teacher's
// probabilities for the view of the clip that the batch holds, in the distillation ratio.
#include <gtest/gtest.h>
#include <torch/torch.h>

#include <numeric>

#include "train/batch_stream.h"

namespace esc50::train {
namespace {

constexpr int64_t kClips = 8, kClasses = 4;

// Clip i's spectrogram is filled with i (its variant with 100 + i), so a batch row names its clip and view.
BatchRecipe distilling_recipe(double weight) {
  BatchRecipe r;
  r.batch_size = 4;
  r.n_classes = int(kClasses);
  r.variants = {torch::arange(kClips, torch::kFloat).add(100).view({kClips, 1, 1, 1}).expand({kClips, 1, 2, 3}).contiguous()};
  r.choose_variant = [](int64_t clip) { return int(clip % 2); };  // odd clips: variant 1
  r.teacher_views = {torch::softmax(torch::arange(kClips * kClasses, torch::kFloat).view({kClips, kClasses}) / 7, 1),
                     torch::softmax(-torch::arange(kClips * kClasses, torch::kFloat).view({kClips, kClasses}) / 5, 1)};
  r.distill_weight = weight;
  return r;
}

TEST(BatchStream, DistillationMixesTheLabelWithTheTeachersViewOfEachClip) {
  const auto features = torch::arange(kClips, torch::kFloat).view({kClips, 1, 1, 1}).expand({kClips, 1, 2, 3}).contiguous();
  const auto targets = torch::arange(kClips, torch::kLong) % kClasses;
  std::vector<int64_t> pool(kClips);
  std::iota(pool.begin(), pool.end(), 0);
  for (const double weight : {1.0, 0.25}) {
    const auto recipe = distilling_recipe(weight);
    BatchStream stream(features, targets, pool, recipe, 3);
    int rows = 0;
    while (auto batch = stream.next()) {
      for (int64_t j = 0; j < batch->inputs.size(0); ++j, ++rows) {
        const auto value = int64_t(batch->inputs[j][0][0][0].item<float>());
        const int64_t clip = value % 100, view = value >= 100 ? 1 : 0;
        ASSERT_EQ(view, clip % 2) << "clip " << clip;
        const auto label = torch::one_hot(targets[clip], kClasses).to(torch::kFloat);
        const auto expected = label * (1 - weight) + recipe.teacher_views[size_t(view)][clip] * weight;
        EXPECT_TRUE(torch::allclose(batch->target_probs[j], expected)) << "clip " << clip << " weight " << weight;
      }
    }
    EXPECT_EQ(rows, kClips);
  }
}

}  // namespace
}  // namespace esc50::train
