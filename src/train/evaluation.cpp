#include "train/evaluation.h"

#include <torch/torch.h>

#include "network/device.h"

namespace esc50::train {

Evaluation evaluate(network::NetworkImpl& network, const torch::Tensor& features,
                    const torch::Tensor& targets, int n_classes, int batch_size,
                    const torch::Device& device, bool bf16) {
  const bool was_training = network.is_training();
  network.eval();
  torch::NoGradGuard no_grad;
  std::vector<torch::Tensor> logits;
  for (int64_t begin = 0; begin < features.size(0); begin += batch_size) {
    auto inputs = features.slice(0, begin, begin + batch_size).to(device);
    network::AutocastScope autocast(device, bf16);
    logits.push_back(network.forward(inputs).to(torch::kFloat).cpu());
  }
  network.train(was_training);
  Evaluation e;
  auto all = torch::cat(logits);
  e.loss = torch::nn::functional::cross_entropy(all, targets).item<double>();
  e.probabilities = torch::softmax(all, 1);
  const auto predicted = all.argmax(1);
  e.accuracy = predicted.eq(targets).to(torch::kDouble).mean().item<double>();
  auto hits = torch::zeros({n_classes}, torch::kDouble).index_add_(0, targets, predicted.eq(targets).to(torch::kDouble));
  auto counts = torch::zeros({n_classes}, torch::kDouble).index_add_(0, targets, torch::ones({targets.size(0)}, torch::kDouble));
  // NaN for a class without clips: no recall was measured (the adaptive policy skips it).
  auto recall = (hits / counts).contiguous();
  e.per_class_recall.assign(recall.data_ptr<double>(), recall.data_ptr<double>() + n_classes);
  return e;
}

}  // namespace esc50::train
