#pragma once
// Learning rate as a function of the optimiser step: linear warm-up to the peak, then
// `cosine` (to zero), `onecycle` (cosine from the peak to peak/1e4, warm-up from peak/25)
// or `constant`.
#include <cstdint>
#include <string>

namespace esc50::train {

class LrSchedule {
 public:
  LrSchedule(std::string kind, double peak_lr, int64_t warmup_steps, int64_t total_steps);
  double at(int64_t step) const;

 private:
  std::string kind_;
  double peak_;
  int64_t warmup_, total_;
};

}  // namespace esc50::train
