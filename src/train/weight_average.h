#pragma once
// An exponential moving average of a network's weights (Polyak averaging): a second network
// that follows the trained one, step by step, with decay d. Averaging over the last ~1/(1-d)
// steps smooths the noise of small, heavily augmented batches; the average is the model that
// is validated, tested and shipped.
#include <cstdint>
#include <memory>

#include "network/network.h"

namespace esc50::train {

class WeightAverage {
 public:
  // `average` has the trained network's architecture; it starts as a copy of `live`.
  WeightAverage(std::shared_ptr<network::NetworkImpl> average, network::NetworkImpl& live, double decay);

  // After optimiser step `step` (0-based). The decay ramps up as (1 + step) / (10 + step) until
  // it reaches `decay`, so the first steps' weights, far from any solution, fade quickly.
  // Floating-point buffers (batch-norm statistics) are averaged alike; others are copied.
  void update(network::NetworkImpl& live, int64_t step);
  double decay_at(int64_t step) const;

  network::NetworkImpl& network() { return *average_; }

 private:
  std::shared_ptr<network::NetworkImpl> average_;
  double decay_;
};

}  // namespace esc50::train
