#pragma once
// Sound events from a timeline of window scores: what sounded when, as sound-event detection
// tools report it. Each class's probability is smoothed over time by a running median of
// `median_windows` windows (an isolated window neither starts nor breaks an event); a window
// belongs to an event of its most probable smoothed class when that probability reaches
// `threshold`; consecutive windows of one class merge; events shorter than `min_duration_s`
// are dropped. Windows overlap, so each stands for the time nearer its centre than its
// neighbours' centres (the first and last reach the ends of the audio): an event's bounds are
// those of its windows' shares, not of the windows, which would start up to a window early.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "inference/sound_classifier.h"

namespace esc50::inference {

struct EventSettings {
  double threshold = 0.5;
  double min_duration_s = 0;
  int median_windows = 3;  // odd; 1 = no smoothing
};

struct SoundEvent {
  double start_s = 0;
  double end_s = 0;
  int class_index = 0;
  float peak = 0;  // highest smoothed probability of the class over the event's windows
  float mean = 0;  // their mean
};

// `windows` in time order, as classify_waveform and StreamClassifier give them.
std::vector<SoundEvent> detect_events(const std::vector<WindowScore>& windows, const EventSettings& settings);

// [{"start_s", "end_s", "class", "index", "peak", "mean"}]
nlohmann::json events_json(const std::vector<SoundEvent>& events, const std::vector<std::string>& class_names);

}  // namespace esc50::inference
