#include "train/lr_schedule.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include "common/error.h"

namespace esc50::train {

LrSchedule::LrSchedule(std::string kind, double peak_lr, int64_t warmup_steps,
                       int64_t total_steps)
    : kind_(std::move(kind)), peak_(peak_lr), warmup_(std::max<int64_t>(0, warmup_steps)),
      total_(std::max<int64_t>(1, total_steps)) {
  if (kind_ != "cosine" && kind_ != "onecycle" && kind_ != "constant")
    throw Error("unknown learning-rate schedule '" + kind_ + "'");
}

double LrSchedule::at(int64_t step) const {
  const double start = kind_ == "onecycle" ? peak_ / 25 : 0.0;
  if (step < warmup_) return start + (peak_ - start) * double(step + 1) / double(warmup_ + 1);
  if (kind_ == "constant") return peak_;
  const double end = kind_ == "onecycle" ? peak_ / 1e4 : 0.0;
  const double t = std::clamp(double(step - warmup_) / double(std::max<int64_t>(1, total_ - warmup_)), 0.0, 1.0);
  return end + (peak_ - end) * 0.5 * (1 + std::cos(std::numbers::pi * t));
}

}  // namespace esc50::train
