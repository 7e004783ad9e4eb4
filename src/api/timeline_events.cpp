#include "api/timeline_events.h"

namespace esc50::api {

std::vector<inference::SoundEvent> detect_events(const Classification& result, const inference::EventSettings& settings) {
  std::vector<inference::WindowScore> windows;
  windows.reserve(result.timeline.size());
  for (const auto& w : result.timeline) windows.push_back({w.start_s, w.end_s, w.values});
  return inference::detect_events(windows, settings);
}

}  // namespace esc50::api
