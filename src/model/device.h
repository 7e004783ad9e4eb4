#pragma once
// The one place that knows about compute devices: every tensor and module is moved with
// the device returned here, so a CUDA build of LibTorch works by passing --device cuda.
#include <string>

#include <torch/types.h>

namespace esc50::model {

// "cpu" or "cuda" / "cuda:N". Throws Error when the device is not available in this build.
torch::Device select_device(const std::string& name);

// Sets the intra-op thread count (0 = all cores).
void set_compute_threads(int threads);

}  // namespace esc50::model
