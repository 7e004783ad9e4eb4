#include "eval/tta.h"

#include <algorithm>

#include "common/error.h"

namespace esc50::eval {
namespace {

features::Spectrogram crop(const features::Spectrogram& clip, int offset, int frames) {
  features::Spectrogram out{clip.n_mels, frames, {}};
  out.values.reserve(size_t(clip.n_mels) * size_t(frames));
  for (int m = 0; m < clip.n_mels; ++m) {
    const auto row = clip.values.begin() + ptrdiff_t(m) * clip.n_frames + offset;
    out.values.insert(out.values.end(), row, row + frames);
  }
  return out;
}

features::Spectrogram padded(const features::Spectrogram& clip, int frames) {
  const float floor = clip.values.empty() ? 0.0f : *std::min_element(clip.values.begin(), clip.values.end());
  features::Spectrogram out{clip.n_mels, frames, std::vector<float>(size_t(clip.n_mels) * frames, floor)};
  for (int m = 0; m < clip.n_mels; ++m)
    std::copy_n(clip.values.begin() + ptrdiff_t(m) * clip.n_frames, clip.n_frames,
                out.values.begin() + ptrdiff_t(m) * frames);
  return out;
}

features::Spectrogram rolled(const features::Spectrogram& clip, int shift) {
  features::Spectrogram out = clip;
  for (int m = 0; m < clip.n_mels; ++m) {
    auto row = out.values.begin() + ptrdiff_t(m) * clip.n_frames;
    std::rotate(row, row + (clip.n_frames - shift) % clip.n_frames, row + clip.n_frames);
  }
  return out;
}

}  // namespace

std::vector<features::Spectrogram> tta_windows(const features::Spectrogram& clip,
                                               int window_frames, int views) {
  if (views < 1 || window_frames < 1 || clip.n_frames < 1)
    throw Error("test-time augmentation needs at least one view of a non-empty window");
  std::vector<features::Spectrogram> windows;
  if (clip.n_frames > window_frames) {
    const int slack = clip.n_frames - window_frames;
    for (int v = 0; v < views; ++v)
      windows.push_back(crop(clip, views == 1 ? slack / 2 : v * slack / (views - 1), window_frames));
    return windows;
  }
  const auto base = clip.n_frames == window_frames ? clip : padded(clip, window_frames);
  for (int v = 0; v < views; ++v) windows.push_back(rolled(base, v * window_frames / views));
  return windows;
}

std::vector<float> mean_probabilities(const std::vector<std::vector<float>>& rows) {
  if (rows.empty()) return {};
  std::vector<float> mean(rows.front().size(), 0.0f);
  for (const auto& row : rows) {
    if (row.size() != mean.size()) throw Error("probability rows of different lengths");
    for (size_t i = 0; i < row.size(); ++i) mean[i] += row[i];
  }
  for (auto& v : mean) v /= float(rows.size());
  return mean;
}

}  // namespace esc50::eval
