#pragma once
// Trainer checkpoints: weights and buffers, optimiser state, the weight average when the run
// keeps one, and the trainer's own state (epoch, step, metric history, early-stopping
// counters) in one LibTorch archive, written atomically, so the newest complete checkpoint
// always survives a crash.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>
#include <torch/nn/module.h>
#include <torch/optim/optimizer.h>

namespace esc50::train {

// `average`: the weight average (train/weight_average.h), or null.
void save_checkpoint(const std::filesystem::path& file, torch::nn::Module& network,
                     torch::optim::Optimizer& optimizer, torch::nn::Module* average, const nlohmann::json& state);
// Restores network, optimizer and average in place; returns the trainer state. Throws Error
// "<file>: ..." when the checkpoint is unreadable, belongs to another architecture or lacks
// the average the run keeps.
nlohmann::json load_checkpoint(const std::filesystem::path& file, torch::nn::Module& network,
                               torch::optim::Optimizer& optimizer, torch::nn::Module* average,
                               const torch::Device& device);

}  // namespace esc50::train
