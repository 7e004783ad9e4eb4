// libFuzzer target: the model-file reader (model/model_file.h) every inference command runs
// first, and the check of its tensors against the architecture it names. The input is the
// file; a valid one is also given to the inference engine, which must accept it or refuse
// it with an Error.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

#include "common/error.h"
#include "engine/classifier.h"

namespace {

const std::filesystem::path& scratch_file() {
  static const std::filesystem::path file = [] {
    std::string pattern = (std::filesystem::temp_directory_path() / "fuzz_model_file.XXXXXX").string();
    if (!mkdtemp(pattern.data())) std::abort();
    return std::filesystem::path(pattern) / "model.esc50";
  }();
  return file;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::ofstream(scratch_file(), std::ios::binary | std::ios::trunc)
      .write(reinterpret_cast<const char*>(data), std::streamsize(size));
  try {
    esc50::engine::Classifier::load(scratch_file(), 1, "fp32");
  } catch (const esc50::Error&) {
  }
  return 0;
}
