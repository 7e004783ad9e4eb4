#pragma once
// Sound events of a classification's timeline (inference/events.h), for the command line and
// the server, which both hold a public-API Classification.
#include <vector>

#include "esc50/esc50.h"
#include "inference/events.h"

namespace esc50::api {

std::vector<inference::SoundEvent> detect_events(const Classification& result, const inference::EventSettings& settings);

}  // namespace esc50::api
