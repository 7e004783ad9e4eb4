// Training throughput: optimiser steps (forward, backward, AdamW) of each registry model on
// random log-mel batches, fp32 and bf16 autocast. Prints median seconds per step, samples/s,
// achieved GFLOP/s (3 × forward FLOPs: forward + backward) and the bf16/fp32 ratio measured
// in the same run, beside the PyTorch-Python figures of the reference project on this machine.
//
// Usage: bench_train [--steps N] [--threads T] [--models resnet34,esc50net]
//                    [--settings JSON]   (esc50net settings, e.g. '{"blocks": 5}')
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <string>
#include <vector>

#include <torch/torch.h>

#include "model/device.h"
#include "model/registry.h"
#include "train/spec_transforms.h"

namespace {

using namespace esc50;

struct Case {
  std::string model;
  nlohmann::json settings;
  int n_mels, frames;
  double python_fp32, python_bf16;  // samples/s of the Python reference (0 = not measured)
};

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

double seconds_per_step(const Case& c, bool bf16, int steps) {
  torch::manual_seed(0);
  auto net = model::find_architecture(c.model).make(c.settings, 50);
  torch::optim::AdamW optimizer(net->parameters(), 1e-3);
  const auto inputs = torch::randn({32, 1, c.n_mels, c.frames}) * 20 - 40;
  const auto targets = train::smoothed_targets(torch::randint(0, 50, {32}), 50, 0.1);
  std::vector<double> times;
  for (int s = 0; s <= steps; ++s) {  // step 0 warms up (allocations, kernel selection)
    const auto start = std::chrono::steady_clock::now();
    optimizer.zero_grad();
    torch::Tensor logits;
    {
      model::AutocastScope autocast(torch::kCPU, bf16);
      logits = net->forward(inputs);
    }
    train::soft_cross_entropy(logits, targets).backward();
    optimizer.step();
    if (s > 0) times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return median(times);
}

}  // namespace

int main(int argc, char** argv) {
  int steps = 5, threads = 2;
  std::string models = "resnet34,esc50net";
  nlohmann::json esc50net_settings = nlohmann::json::object();
  for (int i = 1; i + 1 < argc; i += 2) {
    if (!std::strcmp(argv[i], "--steps")) steps = std::max(1, std::atoi(argv[i + 1]));
    if (!std::strcmp(argv[i], "--threads")) threads = std::atoi(argv[i + 1]);
    if (!std::strcmp(argv[i], "--models")) models = argv[i + 1];
    if (!std::strcmp(argv[i], "--settings")) esc50net_settings = nlohmann::json::parse(argv[i + 1], nullptr, false);
  }
  if (esc50net_settings.is_discarded()) {
    std::fprintf(stderr, "bench_train: --settings: not valid JSON\n");
    return 2;
  }
  try {
    esc50net_settings = model::find_architecture("esc50net").complete_settings(esc50net_settings);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_train: --settings: %s\n", e.what());
    return 2;
  }
  model::set_compute_threads(threads);
  const std::vector<Case> cases = {{"resnet34", {}, 128, 216, 14.9, 30.0},
                                   {"esc50net", esc50net_settings, 64, 216, 0, 0},
                                   {"esc50net", esc50net_settings, 64, 128, 0, 0}};
  if (models.find("esc50net") != std::string::npos)
    std::printf("esc50net settings: %s\n", esc50net_settings.dump().c_str());
  std::printf("batch 32, %d threads, median of %d steps\n", threads, steps);
  std::printf("%-9s %-8s %-5s %9s %9s %8s %9s %12s\n", "model", "input", "prec", "s/step", "samples/s",
              "GFLOP/s", "bf16/fp32", "vs Python");
  for (const auto& c : cases) {
    if (models.find(c.model) == std::string::npos) continue;
    const auto cost = model::model_cost(c.model, c.settings, 50, c.n_mels, c.frames);
    double fp32_rate = 0;
    for (bool bf16 : {false, true}) {
      const double t = seconds_per_step(c, bf16, steps);
      const double rate = 32 / t;
      if (!bf16) fp32_rate = rate;
      const double python = bf16 ? c.python_bf16 : c.python_fp32;
      const std::string vs = python > 0 ? std::to_string(rate / python).substr(0, 4) + "x" : "-";
      std::printf("%-9s %3dx%-4d %-5s %9.3f %9.1f %8.1f %9s %12s\n", c.model.c_str(), c.n_mels, c.frames,
                  bf16 ? "bf16" : "fp32", t, rate, 3.0 * double(cost.forward_flops) * rate / 1e9,
                  bf16 ? (std::to_string(rate / fp32_rate).substr(0, 4) + "x").c_str() : "1.00x", vs.c_str());
    }
  }
  return 0;
}
