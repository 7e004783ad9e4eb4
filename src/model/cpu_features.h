#pragma once
// What the CPU offers inference and training, for precision "auto", `esc50 --version` and bug
// reports.
#include <string>

namespace esc50::model {

// True when the CPU executes bf16 dot products natively (AVX-512 BF16 or AMX), where bf16
// pays off; elsewhere bf16 is emulated and slower than fp32.
bool cpu_has_native_bf16();

// "CPU: AVX2 yes, AVX-512 no, native bf16 no (auto precision: fp32)"
std::string cpu_description();

}  // namespace esc50::model
