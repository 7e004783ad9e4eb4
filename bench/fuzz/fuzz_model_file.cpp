// libFuzzer target: the model-file reader (model/model_file.h) every inference command runs
// first, and the check of its tensors against the architecture it names. The input is the
// file; a valid one is also given to the inference engine, which must accept it or refuse
// it with an Error.
#include <cstddef>
#include <cstdint>

#include "common/error.h"
#include "engine/classifier.h"
#include "scratch.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static const auto file = esc50::fuzz::make_scratch_dir("fuzz_model_file") / "model.esc50";
  esc50::fuzz::write_input(file, data, size);
  try {
    esc50::engine::Classifier::load(file, 1, "fp32");
  } catch (const esc50::Error&) {
  }
  return 0;
}
