#include "inference/events.h"

#include <algorithm>

#include "common/error.h"

namespace esc50::inference {
namespace {

// Running median over time of each class's probability (windows at the edges use the part
// of the neighbourhood that exists).
std::vector<std::vector<float>> smoothed(const std::vector<WindowScore>& windows, int width) {
  const int half = width / 2;
  std::vector<std::vector<float>> out(windows.size());
  std::vector<float> neighbourhood;
  for (size_t w = 0; w < windows.size(); ++w) {
    const size_t first = w >= size_t(half) ? w - size_t(half) : 0;
    const size_t last = std::min(windows.size() - 1, w + size_t(half));
    out[w].resize(windows[w].probabilities.size());
    for (size_t c = 0; c < out[w].size(); ++c) {
      neighbourhood.clear();
      for (size_t k = first; k <= last; ++k) neighbourhood.push_back(windows[k].probabilities[c]);
      auto middle = neighbourhood.begin() + long(neighbourhood.size() / 2);
      std::nth_element(neighbourhood.begin(), middle, neighbourhood.end());
      out[w][c] = *middle;
    }
  }
  return out;
}

double centre(const WindowScore& w) { return 0.5 * (w.start_s + w.end_s); }

// The start and end of the time window `w` stands for.
std::pair<double, double> share(const std::vector<WindowScore>& windows, size_t w) {
  const double start = w == 0 ? windows[w].start_s : 0.5 * (centre(windows[w - 1]) + centre(windows[w]));
  const double end = w + 1 == windows.size() ? windows[w].end_s : 0.5 * (centre(windows[w]) + centre(windows[w + 1]));
  return {start, end};
}

}  // namespace

std::vector<SoundEvent> detect_events(const std::vector<WindowScore>& windows, const EventSettings& settings) {
  if (settings.median_windows < 1 || settings.median_windows % 2 == 0)
    throw Error("events: the median filter needs an odd number of windows");
  const auto probabilities = smoothed(windows, settings.median_windows);
  std::vector<SoundEvent> events;
  int open_class = -1;
  size_t windows_in_event = 0;
  auto close = [&] {
    if (open_class >= 0) {
      auto& e = events.back();
      e.mean /= float(windows_in_event);
      if (e.end_s - e.start_s < settings.min_duration_s) events.pop_back();
    }
    open_class = -1;
  };
  for (size_t w = 0; w < windows.size(); ++w) {
    const auto& p = probabilities[w];
    const int best = int(std::max_element(p.begin(), p.end()) - p.begin());
    if (p.empty() || p[size_t(best)] < settings.threshold) {
      close();
      continue;
    }
    const auto [start, end] = share(windows, w);
    if (best != open_class) {
      close();
      events.push_back({start, end, best, 0, 0});
      open_class = best;
      windows_in_event = 0;
    }
    auto& e = events.back();
    e.end_s = end;
    e.peak = std::max(e.peak, p[size_t(best)]);
    e.mean += p[size_t(best)];
    ++windows_in_event;
  }
  close();
  return events;
}

nlohmann::json events_json(const std::vector<SoundEvent>& events, const std::vector<std::string>& class_names) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& e : events)
    out.push_back({{"start_s", e.start_s}, {"end_s", e.end_s}, {"index", e.class_index},
                   {"class", size_t(e.class_index) < class_names.size() ? class_names[size_t(e.class_index)] : ""},
                   {"peak", e.peak}, {"mean", e.mean}});
  return out;
}

}  // namespace esc50::inference
