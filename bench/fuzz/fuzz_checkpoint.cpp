// libFuzzer target: the checkpoint reader (train/checkpoint.h) that `--resume` runs on
// checkpoint-last.pt. The input is the file; it is restored into a small network, its AdamW
// state and a weight average. Every failure must be an Error naming the file. LibTorch
// itself is not instrumented, so coverage guides only through the project's code: this target
// finds crashes, not deep paths.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include <torch/nn/modules/linear.h>
#include <torch/optim/adamw.h>

#include "common/error.h"
#include "train/checkpoint.h"

namespace {

const std::filesystem::path& scratch_file() {
  static const std::filesystem::path file = [] {
    std::string pattern = (std::filesystem::temp_directory_path() / "fuzz_checkpoint.XXXXXX").string();
    if (!mkdtemp(pattern.data())) std::abort();
    return std::filesystem::path(pattern) / "checkpoint-last.pt";
  }();
  return file;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static torch::nn::Linear network(4, 3), average(4, 3);
  static torch::optim::AdamW optimizer(network->parameters());
  std::ofstream(scratch_file(), std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), std::streamsize(size));
  try {
    (void)esc50::train::load_checkpoint(scratch_file(), *network, optimizer, average.get(), torch::kCPU);
  } catch (const esc50::Error&) {
  }
  return 0;
}
