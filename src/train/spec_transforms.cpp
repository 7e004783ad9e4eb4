#include "train/spec_transforms.h"

#include <torch/torch.h>

#include <algorithm>
#include <numeric>

#include "common/rng.h"

namespace esc50::train {
namespace {

int64_t uniform_int(BatchRng& rng, int64_t lo, int64_t hi) {
  return std::uniform_int_distribution<int64_t>(lo, hi)(rng);
}

void mask_along(torch::Tensor& clip, int64_t dim, int masks, int max_width, const torch::Tensor& fill,
                BatchRng& rng) {
  const int64_t length = clip.size(dim);
  for (int m = 0; m < masks; ++m) {
    const int64_t width = uniform_int(rng, 0, std::min<int64_t>(max_width, length));
    const int64_t start = uniform_int(rng, 0, length - width);
    if (width > 0) clip.narrow(dim, start, width).copy_(fill.expand_as(clip.narrow(dim, start, width)));
  }
}

// Decibels relative to each clip's maximum, as power_to_db writes them (features/logmel.h).
torch::Tensor mix_as_sounds(const torch::Tensor& a, const torch::Tensor& b, double lambda, double top_db) {
  const auto power = [](const torch::Tensor& db) { return torch::pow(10.0, db / 10.0); };
  const auto mixed = lambda * lambda * power(a) + (1 - lambda) * (1 - lambda) * power(b);
  auto db = 10.0 * torch::log10(mixed.clamp_min(1e-10));
  db -= std::get<0>(db.flatten(1).max(1)).view({-1, 1, 1, 1});
  return top_db > 0 ? db.clamp_min(-top_db) : db;
}

}  // namespace

uint64_t derive_seed(uint64_t seed, uint64_t a, uint64_t b) {
  return Rng(Rng(seed + a).next() + b).next();
}

torch::Tensor random_time_crop(const torch::Tensor& batch, int frames, BatchRng& rng) {
  const int64_t length = batch.size(3);
  if (frames <= 0 || frames >= length) return batch;
  std::vector<torch::Tensor> crops;
  for (int64_t i = 0; i < batch.size(0); ++i)
    crops.push_back(batch[i].narrow(2, uniform_int(rng, 0, length - frames), frames));
  return torch::stack(crops);
}

void spec_augment_(torch::Tensor& batch, const SpecAugmentSettings& s, BatchRng& rng) {
  for (int64_t i = 0; i < batch.size(0); ++i) {
    auto clip = batch[i];  // view [1, n_mels, frames]
    const auto fill = clip.mean();
    mask_along(clip, 1, s.freq_masks, s.freq_mask_width, fill, rng);
    mask_along(clip, 2, s.time_masks, s.time_mask_width, fill, rng);
  }
}

void filter_augment_(torch::Tensor& batch, const FilterAugmentSettings& s, BatchRng& rng) {
  const int64_t n_mels = batch.size(2);
  if (s.max_db <= 0 || s.max_bands < 2 || n_mels < 3) return;
  auto gains = torch::empty({batch.size(0), 1, n_mels, 1}, torch::kFloat);
  auto gain = gains.accessor<float, 4>();
  std::uniform_real_distribution<double> level(-s.max_db, s.max_db);
  for (int64_t i = 0; i < batch.size(0); ++i) {
    const int64_t bands = uniform_int(rng, 2, s.max_bands);
    std::vector<int64_t> edges{0, n_mels - 1};
    for (int64_t k = 1; k < bands; ++k) edges.push_back(uniform_int(rng, 1, n_mels - 2));
    std::sort(edges.begin(), edges.end());
    std::vector<double> edge_db(edges.size());
    for (auto& db : edge_db) db = level(rng);
    for (size_t k = 0; k + 1 < edges.size(); ++k) {
      const int64_t from = edges[k], to = edges[k + 1];
      for (int64_t m = from; m <= to; ++m) {
        const double t = to == from ? 0.0 : double(m - from) / double(to - from);
        gain[i][0][m][0] = float(edge_db[k] + t * (edge_db[k + 1] - edge_db[k]));
      }
    }
  }
  batch.add_(gains.to(batch.device(), batch.scalar_type()));
}

torch::Tensor smoothed_targets(const torch::Tensor& targets, int n_classes, double smoothing) {
  auto probs = torch::full({targets.size(0), n_classes}, smoothing / n_classes,
                           torch::TensorOptions().dtype(torch::kFloat).device(targets.device()));
  probs.scatter_(1, targets.view({-1, 1}).to(torch::kLong), 1.0 - smoothing + smoothing / n_classes);
  return probs;
}

void mixup_(torch::Tensor& batch, torch::Tensor& target_probs, const MixupSettings& settings, BatchRng& rng) {
  if (settings.alpha <= 0 || batch.size(0) < 2) return;
  std::gamma_distribution<double> gamma(settings.alpha, 1.0);
  const double a = gamma(rng), b = gamma(rng);
  const double lambda = a / (a + b);
  std::vector<int64_t> order(size_t(batch.size(0)));
  std::iota(order.begin(), order.end(), 0);
  std::shuffle(order.begin(), order.end(), rng);
  const auto partners = torch::tensor(order, torch::TensorOptions().dtype(torch::kLong).device(batch.device()));
  batch = settings.as_sounds ? mix_as_sounds(batch, batch.index_select(0, partners), lambda, settings.top_db)
                             : lambda * batch + (1 - lambda) * batch.index_select(0, partners);
  target_probs = lambda * target_probs + (1 - lambda) * target_probs.index_select(0, partners);
}

torch::Tensor soft_cross_entropy(const torch::Tensor& logits, const torch::Tensor& target_probs) {
  return -(target_probs * torch::log_softmax(logits.to(torch::kFloat), 1)).sum(1).mean();
}

}  // namespace esc50::train
