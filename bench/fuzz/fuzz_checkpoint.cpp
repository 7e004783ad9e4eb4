// libFuzzer target: the checkpoint reader (train/checkpoint.h) that `--resume` runs on
// checkpoint-last.pt. The input is the file; it is restored into a small network, its AdamW
// state and a weight average. Every failure must be an Error naming the file. LibTorch
// itself is not instrumented, so coverage guides only through the project's code: this target
// finds crashes, not deep paths.
#include <cstddef>
#include <cstdint>

#include "scratch.h"

#include <torch/nn/modules/linear.h>
#include <torch/optim/adamw.h>

#include "common/error.h"
#include "train/checkpoint.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static torch::nn::Linear network(4, 3), average(4, 3);
  static torch::optim::AdamW optimizer(network->parameters());
  static const auto file = esc50::fuzz::make_scratch_dir("fuzz_checkpoint") / "checkpoint-last.pt";
  esc50::fuzz::write_input(file, data, size);
  try {
    (void)esc50::train::load_checkpoint(file, *network, optimizer, average.get(), torch::kCPU);
  } catch (const esc50::Error&) {
  }
  return 0;
}
