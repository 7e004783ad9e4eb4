#include "model/device.h"

#include <torch/cuda.h>
#include <torch/utils.h>

#include "common/error.h"
#include "common/parallel.h"

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

void set_compute_threads(int threads) {
  torch::set_num_threads(threads > 0 ? threads : hardware_threads());
}

}  // namespace esc50::model
