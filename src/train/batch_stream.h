#pragma once
// Shuffled, augmented training batches made by a prefetching worker thread while the model
// trains on the previous one. Batch b of an epoch depends only on (epoch seed, b), never on
// thread timing, so a resumed run sees exactly the batches of an uninterrupted one.
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>
#include <vector>

#include <torch/types.h>

#include "train/spec_transforms.h"

namespace esc50::train {

struct BatchRecipe {
  int batch_size = 32;  // global, over all processes
  int crop_frames = 0;
  FilterAugmentSettings filter_augment;
  SpecAugmentSettings spec_augment;
  MixupSettings mixup;
  double label_smoothing = 0;
  int n_classes = 0;
  int rank = 0;  // this process takes rows [rank·B/W, (rank+1)·B/W) of every global batch
  int world_size = 1;
  // Waveform augmentation: which pre-rendered variant clip i uses this epoch (0 = clean).
  std::function<int(int64_t clip)> choose_variant;
  std::vector<torch::Tensor> variants;  // variants[v - 1]: [N, 1, n_mels, frames]
  // Distillation (train/teacher.h): teacher_views[v] [N, classes] for view v (0 = clean);
  // empty = none.
  std::vector<torch::Tensor> teacher_views;
  double distill_weight = 0;
};

struct Batch {
  torch::Tensor inputs;        // this process's shard
  torch::Tensor target_probs;  // [shard, n_classes]
  torch::Tensor hard_targets;  // [shard], the dominant label (not the teacher's) for accuracy
};

class BatchStream {
 public:
  // `features` [N, 1, n_mels, frames], `targets` [N]; batches draw from `pool` (indices).
  BatchStream(torch::Tensor features, torch::Tensor targets, std::vector<int64_t> pool,
              BatchRecipe recipe, uint64_t epoch_seed, size_t prefetch = 2);
  ~BatchStream();
  BatchStream(const BatchStream&) = delete;
  BatchStream& operator=(const BatchStream&) = delete;

  // Full batches per epoch (the last partial batch is dropped so shards stay equal).
  int64_t batches() const { return batches_; }
  // Blocks until the next batch is ready; nullopt after the last one.
  std::optional<Batch> next();

 private:
  Batch make(int64_t b) const;
  void work();

  torch::Tensor features_, targets_;
  std::vector<int64_t> order_;
  BatchRecipe recipe_;
  uint64_t seed_;
  int64_t batches_;
  size_t prefetch_;
  std::deque<Batch> ready_;
  std::exception_ptr error_;
  bool stop_ = false;
  int64_t consumed_ = 0;
  std::mutex mutex_;
  std::condition_variable changed_;
  std::thread worker_;
};

}  // namespace esc50::train
