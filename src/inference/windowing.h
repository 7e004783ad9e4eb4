#pragma once
// Audio of any length is scored by sliding a window of the model's clip length over it:
// where the windows go and how their scores are ranked.
#include <cstddef>
#include <span>
#include <vector>

namespace esc50::inference {

// Start sample of every window of `window` samples over `n_samples` samples, `hop` apart.
// Input no longer than one window (plus `slack`) gets a single window at 0, padded or cropped
// by the caller; longer input gets a last window ending exactly at its end, so no tail goes
// unheard, unless that window would start within `slack` of the one before. The slack absorbs
// resampling rounding: a 5 s clip must not become two windows one sample apart.
std::vector<size_t> window_starts(size_t n_samples, size_t window, size_t hop, size_t slack = 0);

// Audio up to 1 % longer than a window (resampling rounding, 5.01 s "5 s" clips) is one window.
inline constexpr size_t kWindowSlackFraction = 100;
// Samples of one window: the model's clip length at its rate.
size_t window_samples(double clip_seconds, int sample_rate);
// The shortest hop between windows: each window costs a whole network pass.
inline constexpr double kMinHopSeconds = 0.01;
// Samples between window starts; `hop_seconds` 0 means half a window. Throws Error for a hop
// that is not a number, negative or below kMinHopSeconds.
size_t hop_samples(double hop_seconds, size_t window, int sample_rate);

struct RankedClass {
  int index = 0;
  float probability = 0;
};

// The k most probable classes, most probable first (ties: lower index first).
std::vector<RankedClass> top_k(std::span<const float> probabilities, int k);

// Element-wise mean of equally long rows.
std::vector<float> mean_rows(const std::vector<std::vector<float>>& rows);

}  // namespace esc50::inference
