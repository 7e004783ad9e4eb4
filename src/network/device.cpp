#include "network/device.h"

#include <torch/version.h>

#include <ATen/autocast_mode.h>
#include <torch/cuda.h>
#include <torch/utils.h>

#include "common/error.h"
#include "common/parallel.h"

namespace esc50::network {

torch::Device select_device(const std::string& name) {
  if (name == "cpu") return torch::kCPU;
  if (name.starts_with("cuda")) {
    if (!torch::cuda::is_available())
      throw Error("--device " + name + ": CUDA is not available (this LibTorch build or machine has no GPU)");
    try {
      return torch::Device(name);
    } catch (const c10::Error&) {
      throw Error("--device " + name + ": not a valid CUDA device name (use cuda or cuda:N)");
    }
  }
  throw Error("--device " + name + ": unknown device (use cpu, cuda or cuda:N)");
}

AutocastScope::AutocastScope(const torch::Device& device, bool bf16)
    : cuda_(device.is_cuda()), enabled_(bf16) {
  if (!enabled_) return;
  was_enabled_ = cuda_ ? at::autocast::is_enabled() : at::autocast::is_cpu_enabled();
  if (cuda_) {
    at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
    at::autocast::set_enabled(true);
  } else {
    at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
    at::autocast::set_cpu_enabled(true);
  }
}

AutocastScope::~AutocastScope() {
  if (!enabled_) return;
  if (cuda_)
    at::autocast::set_enabled(was_enabled_);
  else
    at::autocast::set_cpu_enabled(was_enabled_);
  // Casted weight copies are cached per autocast region; the weights change every step.
  if (!was_enabled_) at::autocast::clear_cache();
}

std::string libtorch_description() { return std::string("LibTorch ") + TORCH_VERSION; }

void set_compute_threads(int threads) {
  torch::set_num_threads(threads > 0 ? threads : hardware_threads());
}

}  // namespace esc50::network
