#pragma once
// What the CPU offers inference and training, for precision "auto", `esc50 --version` and bug
// reports.
#include <string>

namespace esc50::model {

// True when the CPU executes bf16 dot products natively (AVX-512 BF16 or AMX), so bf16 can
// run at all; without them it is emulated, about 28x slower than fp32 in training.
bool cpu_has_native_bf16();

// True when bf16 is faster than fp32 here, which precision "auto" follows: only with AMX's
// bf16 tiles. AVX-512 BF16 alone is slower than fp32 with oneDNN 2.6 on 2 cores (2026-11-27,
// Xeon without AMX): esc50net training step 0.422 s bf16 against 0.327 s fp32, inference
// 5.84 against 1.82 ms a clip. With AMX (the Xeon of session 9, amx_bf16 in its flags) bf16
// inference was 1.7x faster (3.09 against 5.23 ms a clip).
bool cpu_prefers_bf16();

// "CPU: AVX2 yes, AVX-512 no, native bf16 no, AMX no (auto precision: fp32)"
std::string cpu_description();

}  // namespace esc50::model
