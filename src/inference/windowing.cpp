#include "inference/windowing.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

#include "common/error.h"

namespace esc50::inference {

std::vector<size_t> window_starts(size_t n_samples, size_t window, size_t hop, size_t slack) {
  if (window == 0 || hop == 0) throw std::invalid_argument("window_starts: zero window or hop");
  if (n_samples <= window + slack) return {0};
  std::vector<size_t> starts;
  for (size_t start = 0; start + window < n_samples; start += hop) starts.push_back(start);
  const size_t last = n_samples - window;
  if (last > starts.back() + slack) starts.push_back(last);
  return starts;
}

size_t window_samples(double clip_seconds, int sample_rate) {
  return size_t(std::llround(clip_seconds * sample_rate));
}

size_t hop_samples(double hop_seconds, size_t window, int sample_rate) {
  if (hop_seconds == 0) return std::max<size_t>(1, window / 2);
  if (!(hop_seconds >= kMinHopSeconds && hop_seconds <= 3600))
    throw Error(fmt::format("hop of {} s between windows: give 0 (half the model's clip) or {} … 3600 s",
                            hop_seconds, kMinHopSeconds));
  return std::max<size_t>(1, size_t(std::llround(hop_seconds * sample_rate)));
}

std::vector<RankedClass> top_k(std::span<const float> probabilities, int k) {
  std::vector<int> order(probabilities.size());
  std::iota(order.begin(), order.end(), 0);
  const size_t n = std::min(order.size(), size_t(std::max(k, 0)));
  std::partial_sort(order.begin(), order.begin() + n, order.end(), [&](int a, int b) {
    return probabilities[a] > probabilities[b] || (probabilities[a] == probabilities[b] && a < b);
  });
  std::vector<RankedClass> ranked;
  for (size_t i = 0; i < n; ++i) ranked.push_back({order[i], probabilities[order[i]]});
  return ranked;
}

std::vector<float> mean_rows(const std::vector<std::vector<float>>& rows) {
  if (rows.empty()) return {};
  std::vector<float> mean(rows.front().size(), 0.0f);
  for (const auto& row : rows) {
    if (row.size() != mean.size()) throw std::invalid_argument("mean_rows: rows differ in length");
    for (size_t i = 0; i < row.size(); ++i) mean[i] += row[i];
  }
  for (auto& m : mean) m /= float(rows.size());
  return mean;
}

}  // namespace esc50::inference
