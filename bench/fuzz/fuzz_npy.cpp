// libFuzzer target: the .npy reader behind `esc50 features --out` files and every feature
// cache entry.
#include <cstddef>
#include <cstdint>
#include <string>

#include "common/error.h"
#include "common/npy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  try {
    const auto array = esc50::decode_npy(std::string(reinterpret_cast<const char*>(data), size), "fuzz.npy");
    // A decoded array is internally consistent: its shape multiplies out to its values.
    size_t count = 1;
    for (auto d : array.shape) count *= size_t(d);
    if (count != array.values.size()) __builtin_trap();
  } catch (const esc50::Error&) {
  }
  return 0;
}
