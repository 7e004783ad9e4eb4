#include "model/device.h"

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <vector>

#include <torch/version.h>

#include <ATen/autocast_mode.h>
#include <torch/cuda.h>
#include <torch/utils.h>

#include "common/error.h"
#include "common/parallel.h"
#include "model/runtime_info.h"

namespace esc50::model {

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

namespace {

bool cpu_has_flag(std::initializer_list<const char*> wanted) {
  static const std::vector<std::string> flags = [] {
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::vector<std::string> out;
    for (std::string line; std::getline(cpuinfo, line);) {
      if (!line.starts_with("flags")) continue;
      std::istringstream words(line);
      for (std::string flag; words >> flag;) out.push_back(flag);
      break;
    }
    return out;
  }();
  for (const char* w : wanted)
    if (std::find(flags.begin(), flags.end(), w) != flags.end()) return true;
  return false;
}

}  // namespace

bool cpu_has_native_bf16() { return cpu_has_flag({"avx512_bf16", "amx_bf16"}); }

std::string runtime_description() {
  auto yes_no = [](bool b) { return b ? "yes" : "no"; };
  return std::string("LibTorch ") + TORCH_VERSION + ", CPU: AVX2 " + yes_no(cpu_has_flag({"avx2"})) +
         ", AVX-512 " + yes_no(cpu_has_flag({"avx512f"})) + ", native bf16 " + yes_no(cpu_has_native_bf16()) +
         " (auto precision: " + (cpu_has_native_bf16() ? "bf16" : "fp32") + ")";
}

void set_compute_threads(int threads) {
  torch::set_num_threads(threads > 0 ? threads : hardware_threads());
}

}  // namespace esc50::model
