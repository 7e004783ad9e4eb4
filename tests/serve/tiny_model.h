#pragma once
// Small untrained model files for tests of the inference and serving stack: real loading and
// inference code, no training and no LibTorch needed.
#include <filesystem>

#include "model/model_file.h"
#include "model/network_spec.h"

namespace esc50::test {

// Every tensor of `spec`, drawn uniformly in LibTorch's default initialisation range
// (batch-norm variances positive); deterministic for a seed.
model::TensorTable random_tensors(const model::NetworkSpec& spec, unsigned seed);

// A tinycnn (width 4, 50 classes) written to `file`, which is returned; deterministic for a
// seed.
std::filesystem::path write_tiny_model(const std::filesystem::path& file, unsigned seed = 0);

}  // namespace esc50::test
