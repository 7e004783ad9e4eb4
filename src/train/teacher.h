#pragma once
// Knowledge distillation: a trained model (one network or an ensemble) teaches a new network.
// Its probabilities for the version of each training clip the new network gets that epoch
// (clean or one of its pre-rendered variants; before cropping, SpecAugment and mixup) become
// `distill_weight` of the training target; mixup then mixes those targets like any other. They
// are computed once, before the first epoch, by the LibTorch-free engine (by every process of a
// data-parallel run: a minute or two at ESC-50's size), so the training step costs what it did.
#include <filesystem>
#include <vector>

#include <torch/types.h>

#include "train/run_config.h"
#include "train/training_data.h"

namespace esc50::train {

// The model file that teaches `config`'s run, written to `run_dir`. For a held-out fold it must
// be a cross-validation directory whose fold-<fold>/ held out (at least) the same clips and,
// like each member of an ensemble there, started from scratch (an init model may have seen
// any clip), so the test fold stays unseen; a model file can only teach a run on every clip
// (fold 0). Throws Error naming the file or directory that does not qualify.
std::filesystem::path teacher_model_for(const RunConfig& config, const TrainingData& data,
                                        const std::filesystem::path& run_dir);

// Recorded in the run's checkpoints: a resumed run must learn from the same teacher.
uint64_t teacher_checksum(const std::filesystem::path& model_file);

// views[0]: the teacher's probabilities for the clean clips, views[v]: for variant v, each
// [clips, classes]; rows outside `pool` stay zero. Throws Error naming `model_file` when its
// classes or feature settings differ from the data's.
std::vector<torch::Tensor> teacher_probabilities(const std::filesystem::path& model_file, const TrainingData& data,
                                                 const std::vector<int64_t>& pool, int threads);

}  // namespace esc50::train
