#include "train/batch_stream.h"

#include <algorithm>

#include <torch/torch.h>

namespace esc50::train {

BatchStream::BatchStream(torch::Tensor features, torch::Tensor targets, std::vector<int64_t> pool,
                         BatchRecipe recipe, uint64_t epoch_seed, size_t prefetch)
    : features_(std::move(features)), targets_(std::move(targets)), order_(std::move(pool)),
      recipe_(recipe), seed_(epoch_seed), prefetch_(std::max<size_t>(1, prefetch)) {
  BatchRng rng(derive_seed(seed_, 0xba7c4));
  std::shuffle(order_.begin(), order_.end(), rng);
  batches_ = int64_t(order_.size()) / recipe_.batch_size;
  worker_ = std::thread([this] { work(); });
}

BatchStream::~BatchStream() {
  {
    std::lock_guard lock(mutex_);
    stop_ = true;
  }
  changed_.notify_all();
  worker_.join();
}

Batch BatchStream::make(int64_t b) const {
  BatchRng rng(derive_seed(seed_, 1, uint64_t(b)));
  const int64_t size = recipe_.batch_size;
  auto index = torch::from_blob(const_cast<int64_t*>(order_.data()) + b * size, {size}, torch::kLong);
  auto chosen = features_.index_select(0, index);
  std::vector<int> views(size_t(size), 0);  // 0: clean, v: variant v
  if (recipe_.choose_variant) {
    for (int64_t j = 0; j < size; ++j) {
      const int64_t clip = order_[size_t(b * size + j)];
      views[size_t(j)] = recipe_.choose_variant(clip);
      if (views[size_t(j)] > 0) chosen[j].copy_(recipe_.variants[size_t(views[size_t(j)] - 1)][clip]);
    }
  }
  auto inputs = random_time_crop(chosen, recipe_.crop_frames, rng).clone();
  auto hard = targets_.index_select(0, index);
  auto probs = smoothed_targets(hard, recipe_.n_classes, recipe_.label_smoothing);
  const bool taught = !recipe_.teacher_views.empty();
  if (taught) {
    // Label and teacher columns side by side, so mixup mixes both alike; split below.
    auto teacher = torch::empty_like(probs);
    for (int64_t j = 0; j < size; ++j)
      teacher[j].copy_(recipe_.teacher_views[size_t(views[size_t(j)])][order_[size_t(b * size + j)]]);
    probs = torch::cat({probs, teacher}, 1);
  }
  filter_augment_(inputs, recipe_.filter_augment, rng);
  spec_augment_(inputs, recipe_.spec_augment, rng);
  mixup_(inputs, probs, recipe_.mixup, rng);
  auto labels = probs.slice(1, 0, recipe_.n_classes);
  auto targets = taught ? labels * (1 - recipe_.distill_weight) + probs.slice(1, recipe_.n_classes) * recipe_.distill_weight
                        : labels;
  const int64_t begin = size * recipe_.rank / recipe_.world_size;
  const int64_t end = size * (recipe_.rank + 1) / recipe_.world_size;
  // Training accuracy counts the dominant label, never the teacher's opinion.
  return {inputs.slice(0, begin, end).contiguous(), targets.slice(0, begin, end).contiguous(),
          labels.slice(0, begin, end).argmax(1)};
}

void BatchStream::work() {
  try {
    for (int64_t b = 0; b < batches_; ++b) {
      {
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return stop_ || ready_.size() < prefetch_; });
        if (stop_) return;
      }
      auto batch = make(b);
      std::lock_guard lock(mutex_);
      ready_.push_back(std::move(batch));
      changed_.notify_all();
    }
  } catch (...) {
    std::lock_guard lock(mutex_);
    error_ = std::current_exception();
    changed_.notify_all();
  }
}

std::optional<Batch> BatchStream::next() {
  std::unique_lock lock(mutex_);
  if (consumed_ == batches_) return std::nullopt;
  changed_.wait(lock, [&] { return !ready_.empty() || error_; });
  if (ready_.empty()) std::rethrow_exception(error_);
  auto batch = std::move(ready_.front());
  ready_.pop_front();
  ++consumed_;
  changed_.notify_all();
  return batch;
}

}  // namespace esc50::train
