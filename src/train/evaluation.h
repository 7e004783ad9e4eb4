#pragma once
// Validation pass over held-out clips: loss, accuracy, per-class recall and probabilities.
#include <vector>

#include <torch/types.h>

#include "network/network.h"

namespace esc50::train {

struct Evaluation {
  double loss = 0;  // plain cross-entropy (no smoothing), mean over clips
  double accuracy = 0;
  std::vector<double> per_class_recall;  // NaN for classes without clips
  torch::Tensor probabilities;           // [clips, classes] on the CPU
};

Evaluation evaluate(network::NetworkImpl& network, const torch::Tensor& features,
                    const torch::Tensor& targets, int n_classes, int batch_size,
                    const torch::Device& device, bool bf16);

}  // namespace esc50::train
