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

namespace {

// LibTorch 2.4 replaced the per-backend autocast functions (deprecated since) with ones that
// take the device type; Debian's LibTorch 1.13 has only the old ones.
#if TORCH_VERSION_MAJOR > 2 || (TORCH_VERSION_MAJOR == 2 && TORCH_VERSION_MINOR >= 4)
c10::DeviceType autocast_type(bool cuda) { return cuda ? c10::DeviceType::CUDA : c10::DeviceType::CPU; }
bool autocast_enabled(bool cuda) { return at::autocast::is_autocast_enabled(autocast_type(cuda)); }
void set_autocast(bool cuda, bool enabled) { at::autocast::set_autocast_enabled(autocast_type(cuda), enabled); }
void set_autocast_bf16(bool cuda) { at::autocast::set_autocast_dtype(autocast_type(cuda), at::kBFloat16); }
#else
bool autocast_enabled(bool cuda) { return cuda ? at::autocast::is_enabled() : at::autocast::is_cpu_enabled(); }
void set_autocast(bool cuda, bool enabled) {
  if (cuda)
    at::autocast::set_enabled(enabled);
  else
    at::autocast::set_cpu_enabled(enabled);
}
void set_autocast_bf16(bool cuda) {
  if (cuda)
    at::autocast::set_autocast_gpu_dtype(at::kBFloat16);
  else
    at::autocast::set_autocast_cpu_dtype(at::kBFloat16);
}
#endif

}  // namespace

AutocastScope::AutocastScope(const torch::Device& device, bool bf16)
    : cuda_(device.is_cuda()), enabled_(bf16) {
  if (!enabled_) return;
  was_enabled_ = autocast_enabled(cuda_);
  set_autocast_bf16(cuda_);
  set_autocast(cuda_, true);
}

AutocastScope::~AutocastScope() {
  if (!enabled_) return;
  set_autocast(cuda_, was_enabled_);
  // Casted weight copies are cached per autocast region; the weights change every step.
  if (!was_enabled_) at::autocast::clear_cache();
}

std::string libtorch_description() { return std::string("LibTorch ") + TORCH_VERSION; }

void set_compute_threads(int threads) {
  torch::set_num_threads(threads > 0 ? threads : hardware_threads());
}

}  // namespace esc50::network
