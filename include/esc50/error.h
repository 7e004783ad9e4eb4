#pragma once
// The one exception type of esc50. Every failure a caller can cause — a missing or corrupt
// audio or model file, an unknown option value, audio too short to score — is thrown as
// esc50::Error, with the message the esc50 command line prints: "<file>: <problem>" when a
// file is at fault.
#include <stdexcept>

#include "esc50/export.h"

namespace esc50 {

class ESC50_API Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace esc50
