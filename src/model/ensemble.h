#pragma once
// Ensembles: several networks of one architecture, trained with different seeds, stored in one
// model file (model_file.h names their tensors) and averaged at inference. Averaging the
// probabilities of independently trained networks is the cheapest accuracy gain there is
// once a single network's recipe has converged.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "model/model_file.h"

namespace esc50::model {

struct Ensemble {
  ModelInfo info;
  TensorTable tensors;
};

// The members of every file (an ensemble contributes all of its own), in order. Throws Error
// naming the file that is not in the current format, or whose architecture, architecture
// settings, feature settings or class names differ from the first file's.
Ensemble combine_models(const std::vector<std::filesystem::path>& files);

// Why the networks in `files` cannot be one ensemble model (they differ in architecture, feature
// settings or class names), naming the file; nullopt when they can.
std::optional<std::string> ensemble_conflict(const std::vector<std::filesystem::path>& files);

// Throws Error naming `file` when `info` describes an ensemble: training and fine-tuning
// start from one network.
void require_one_network(const ModelInfo& info, const std::filesystem::path& file);

// combine_models, written atomically to `out`.
Ensemble write_ensemble(const std::filesystem::path& out, const std::vector<std::filesystem::path>& files);

}  // namespace esc50::model
