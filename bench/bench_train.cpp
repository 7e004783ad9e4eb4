// Training throughput: optimiser steps (forward, backward, AdamW) of each catalog model on
// random log-mel batches, fp32 and bf16 autocast. Prints median seconds per step, samples/s,
// achieved GFLOP/s (3 × forward FLOPs: forward + backward), the bf16/fp32 ratio, and the ratio
// to the same network's step in PyTorch-Python (bench/python/reference.py), all measured in
// the same run.
//
// Usage: bench_train [--steps N] [--threads T] [--models resnet34,esc50net]
//                    [--settings JSON] [--precisions fp32,bf16] [--glibc-malloc] [--compare-nchw]
//                    (--help says more)
#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include <torch/torch.h>

#include <CLI/CLI.hpp>

#include "model/catalog.h"
#include "network/device.h"
#include "network/network_file.h"
#include "train/spec_transforms.h"
#include "allocator_flag.h"
#include "python_reference.h"
#include "timing.h"

namespace {

using namespace esc50;

struct Case {
  std::string model;
  nlohmann::json settings;
  int n_mels, frames;
};

double seconds_per_step(const Case& c, bool bf16, int steps, bool nchw) {
  torch::manual_seed(0);
  auto net = network::make_network(c.model, c.settings, 50);
  if (nchw) {  // PyTorch's default layout, which make_network replaces
    torch::NoGradGuard no_grad;
    for (auto& p : net->parameters()) p.set_data(torch::empty_like(p, torch::MemoryFormat::Contiguous).copy_(p));
  }
  torch::optim::AdamW optimizer(net->parameters(), 1e-3);
  const auto inputs = torch::randn({32, 1, c.n_mels, c.frames}) * 20 - 40;
  const auto targets = train::smoothed_targets(torch::randint(0, 50, {32}), 50, 0.1);
  std::vector<double> times;
  for (int s = 0; s <= steps; ++s) {  // step 0 warms up (allocations, kernel selection)
    const auto start = std::chrono::steady_clock::now();
    optimizer.zero_grad();
    torch::Tensor logits;
    {
      network::AutocastScope autocast(torch::kCPU, bf16);
      logits = net->forward(inputs);
    }
    train::soft_cross_entropy(logits, targets).backward();
    optimizer.step();
    if (s > 0) times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return bench::median(times);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Training-step benchmark: seconds per optimiser step, against PyTorch-Python"};
  int steps = 5, threads = 2, esc50net_mels = 64;
  std::string models = "resnet34,esc50net";
  std::string precisions = "fp32,bf16";
  std::string settings_text = "{}";
  bool compare_nchw = false;
  bench::AllocatorFlag allocator;
  app.add_option("--steps", steps, "steps measured; the median is reported")->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--threads", threads, "compute threads")->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--models", models, "comma-separated: resnet34, esc50net")->capture_default_str();
  app.add_option("--precisions", precisions, "comma-separated: fp32, bf16")->capture_default_str();
  app.add_option("--settings", settings_text, "esc50net settings as JSON, e.g. '{\"blocks\": 5}'");
  app.add_option("--esc50net-mels", esc50net_mels, "mel bands of esc50net's input (the default recipe's 64)")
      ->capture_default_str()
      ->check(CLI::Range(8, 512));
  allocator.add_to(app);
  app.add_flag("--compare-nchw", compare_nchw,
               "also time each case with NCHW weights (PyTorch's default layout) and print channels-last's speed-up");
  CLI11_PARSE(app, argc, argv);
  allocator.apply();
  auto esc50net_settings = nlohmann::json::parse(settings_text, nullptr, false);
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
  network::set_compute_threads(threads);
  const std::vector<Case> cases = {{"resnet34", {}, 128, 216},
                                   {"esc50net", esc50net_settings, esc50net_mels, 216},
                                   {"esc50net", esc50net_settings, esc50net_mels, 128}};
  if (models.find("esc50net") != std::string::npos)
    std::printf("esc50net settings: %s\n", esc50net_settings.dump().c_str());
  std::printf("batch 32, %d threads, median of %d steps, allocator: %s\n", threads, steps,
              allocator.name());
  std::printf("%-9s %-8s %-5s %9s %9s %8s %9s %20s\n", "model", "input", "prec", "s/step", "samples/s",
              "GFLOP/s", "bf16/fp32", "vs Python (its s/step)");
  for (const auto& c : cases) {
    if (models.find(c.model) == std::string::npos) continue;
    const auto cost = model::model_cost(c.model, c.settings, 50, c.n_mels, c.frames);
    // The Python reference runs only the default esc50net, the network it mirrors.
    const bool has_reference = c.model == "resnet34" || esc50net_settings == model::find_architecture("esc50net").complete_settings({});
    const auto python = has_reference ? bench::python_reference(fmt::format("train --model {} --n-mels {} --frames {} --steps {} --threads {} --precisions {}",
                                                                            c.model, c.n_mels, c.frames, steps, threads, precisions))
                                      : std::nullopt;
    double fp32_rate = 0;
    for (bool bf16 : {false, true}) {
      if (precisions.find(bf16 ? "bf16" : "fp32") == std::string::npos) continue;
      const double t = seconds_per_step(c, bf16, steps, false);
      const double rate = 32 / t;
      if (!bf16) fp32_rate = rate;
      const std::string vs =
          python ? fmt::format("{:.2f}x ({:.3f} s)", (*python)["seconds_per_step"][bf16 ? "bf16" : "fp32"].get<double>() / t,
                               (*python)["seconds_per_step"][bf16 ? "bf16" : "fp32"].get<double>())
                 : "-";
      std::printf("%-9s %3dx%-4d %-5s %9.3f %9.1f %8.1f %9s %20s\n", c.model.c_str(), c.n_mels, c.frames,
                  bf16 ? "bf16" : "fp32", t, rate, 3.0 * double(cost.forward_flops) * rate / 1e9,
                  !bf16 ? "1.00x" : fp32_rate > 0 ? (std::to_string(rate / fp32_rate).substr(0, 4) + "x").c_str() : "-", vs.c_str());
      if (compare_nchw) {
        const double nchw = seconds_per_step(c, bf16, steps, true);
        std::printf("%-9s %3dx%-4d %-5s %9.3f  NCHW weights: channels-last is %.2fx as fast\n", c.model.c_str(), c.n_mels,
                    c.frames, bf16 ? "bf16" : "fp32", nchw, nchw / t);
      }
    }
  }
  return 0;
}
