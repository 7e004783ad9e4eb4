#pragma once
// The JSON of a classification, as `esc50 classify --json` prints it and /api/classify
// answers (docs/serve.md):
//   {"duration_s", "top": [{"index","class","probability"}], "probabilities": [..],
//    "windows": [{"start_s","end_s","top": [3 best]}]}
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "esc50/esc50.h"

namespace esc50::api {

nlohmann::json ranked_json(const std::vector<ClassScore>& ranked);
// {"start_s", "end_s", "top": [3 best]}
nlohmann::json window_json(const TimelineWindow& window, const std::vector<std::string>& labels);
// "windows" only with `with_windows`.
nlohmann::json classification_json(const Classification& result, const std::vector<std::string>& labels,
                                   bool with_windows = true);

}  // namespace esc50::api
