#pragma once
// Trainer checkpoints: weights and buffers, optimiser state and the trainer's own state
// (epoch, step, metric history, early-stopping counters) in one LibTorch archive, written
// atomically, so the newest complete checkpoint always survives a crash.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>
#include <torch/nn/module.h>
#include <torch/optim/optimizer.h>

namespace esc50::train {

void save_checkpoint(const std::filesystem::path& file, torch::nn::Module& network,
                     torch::optim::Optimizer& optimizer, const nlohmann::json& state);
// Restores network and optimizer in place; returns the trainer state. Throws Error
// "<file>: ..." when the checkpoint is unreadable or belongs to another architecture.
nlohmann::json load_checkpoint(const std::filesystem::path& file, torch::nn::Module& network,
                               torch::optim::Optimizer& optimizer, const torch::Device& device);

}  // namespace esc50::train
