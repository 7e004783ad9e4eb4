#pragma once
// The one place that knows about compute devices: every tensor and module is moved with
// the device returned here, so a CUDA build of LibTorch works by passing --device cuda.
#include <string>

#include <torch/types.h>

#include "network/libtorch_version.h"

namespace esc50::network {

// "cpu" or "cuda" / "cuda:N". Throws Error when the device is not available in this build.
torch::Device select_device(const std::string& name);

// bf16 autocast on `device` for the scope's lifetime (no-op when `bf16` is false): matmuls
// and convolutions run in bf16, reductions and the loss stay fp32.
class AutocastScope {
 public:
  AutocastScope(const torch::Device& device, bool bf16);
  ~AutocastScope();
  AutocastScope(const AutocastScope&) = delete;
  AutocastScope& operator=(const AutocastScope&) = delete;

 private:
  bool cuda_ = false, enabled_ = false, was_enabled_ = false;
};

// Sets LibTorch's intra-op thread count (0 = all cores).
void set_compute_threads(int threads);

}  // namespace esc50::network
