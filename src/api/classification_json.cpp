#include "api/classification_json.h"

namespace esc50::api {

nlohmann::json ranked_json(const std::vector<ClassScore>& ranked) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& r : ranked) out.push_back({{"index", r.index}, {"class", r.label}, {"probability", r.probability}});
  return out;
}

nlohmann::json window_json(const TimelineWindow& window, const std::vector<std::string>& labels) {
  return {{"start_s", window.start_s}, {"end_s", window.end_s}, {"top", ranked_json(top_classes(window.values, labels, 3))}};
}

nlohmann::json classification_json(const Classification& result, const std::vector<std::string>& labels,
                                   bool with_windows) {
  nlohmann::json j = {
      {"duration_s", result.duration_s}, {"top", ranked_json(result.top)}, {"probabilities", result.probabilities}};
  if (!with_windows) return j;
  j["windows"] = nlohmann::json::array();
  for (const auto& w : result.timeline) j["windows"].push_back(window_json(w, labels));
  return j;
}

}  // namespace esc50::api
