#pragma once
// What engine_parity and engine_check print and judge: top-1 agreement and probability
// differences between the engine and LibTorch, clip by clip.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <span>
#include <string>

namespace esc50::parity {

class Tally {
 public:
  void add(const std::string& clip, std::span<const float> engine, std::span<const float> libtorch) {
    ++clips_;
    classes_ = engine.size();
    agree_ += argmax(engine) == argmax(libtorch);
    for (size_t c = 0; c < engine.size(); ++c) {
      const double d = std::abs(double(engine[c]) - double(libtorch[c]));
      total_ += d;
      if (d > worst_) worst_ = d, worst_clip_ = clip;
    }
  }
  // `what` names the comparison, e.g. "bf16 precision".
  void print(const std::string& what) const {
    fmt::print("{} clips, {}: top-1 equal on {} ({:.2f} %); |Δp| max {:.2e} ({}), mean {:.2e}\n", clips_,
               what, agree_, 100.0 * double(agree_) / double(clips_), worst_, worst_clip_,
               total_ / double(clips_ * classes_));
  }
  bool passed(double tolerance) const { return clips_ > 0 && agree_ == clips_ && worst_ <= tolerance; }

 private:
  static size_t argmax(std::span<const float> p) { return size_t(std::max_element(p.begin(), p.end()) - p.begin()); }
  size_t clips_ = 0, classes_ = 0, agree_ = 0;
  double worst_ = 0, total_ = 0;
  std::string worst_clip_;
};

}  // namespace esc50::parity
