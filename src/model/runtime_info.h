#pragma once
// What the model stage runs on, for `esc50 --version` and bug reports; no LibTorch types.
#include <string>

namespace esc50::model {

// "LibTorch 1.13.1, CPU: AVX2 yes, AVX-512 no, native bf16 no (auto precision: fp32)"
std::string runtime_description();

}  // namespace esc50::model
