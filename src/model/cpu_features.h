#pragma once
// What the CPU offers inference and training, for precision "auto", `esc50 --version` and bug
// reports.
#include <istream>
#include <string>
#include <vector>

namespace esc50::model {

// The parts of /proc/cpuinfo's first processor that the choices below read.
struct CpuIdentity {
  std::string vendor;  // vendor_id: "GenuineIntel", "AuthenticAMD", …
  int family = 0;      // cpu family
  std::vector<std::string> flags;

  bool has(const std::string& flag) const;
};

CpuIdentity parse_cpuinfo(std::istream& cpuinfo);
const CpuIdentity& this_cpu();  // /proc/cpuinfo, read once

// True when the CPU executes bf16 dot products natively (AVX-512 BF16 or AMX), so bf16 can
// run at all; without them it is emulated, about 28x slower than fp32 in training.
bool has_native_bf16(const CpuIdentity& cpu);

// True when bf16 inference is faster than fp32, which inference's precision "auto" follows:
// with AMX's bf16 tiles, or AVX-512 BF16 on AMD Zen 5 (family 26) and later. On an Intel Xeon
// with AVX-512 BF16 but no AMX (2 cores, 2026-11-27) the network took 5.84 ms a clip in bf16
// against 1.82 ms in fp32; with AMX (session 9) 3.09 against 5.23 ms; on a 2-core Zen 5 EPYC
// (2026-12-07) 1.32 against 1.53 ms, and a fresh `esc50 classify` of 200 clips 2.66 against
// 3.96 ms a clip. Zen 4 (family 25) was never measured, so it keeps fp32.
bool prefers_bf16_inference(const CpuIdentity& cpu);

// True when training in bf16 autocast is both faster than fp32 and measured as accurate, which
// training's precision "auto" follows: only with AMX. On Zen 5 the esc50net step is 1.73x
// faster in bf16 (0.110 against 0.190 s), but the default recipe's official CV there scored
// 83.00 % in bf16 against 83.60 % in fp32 (inside the noise, a point lost being too likely to
// trade for the time; docs/results.md, "Session 24").
bool prefers_bf16_training(const CpuIdentity& cpu);

bool cpu_has_native_bf16();            // of this_cpu()
bool cpu_prefers_bf16_inference();     // of this_cpu()
bool cpu_prefers_bf16_training();      // of this_cpu()

// "CPU: AVX2 yes, AVX-512 no, native bf16 no, AMX no (auto precision: fp32 inference, fp32 training)"
std::string cpu_description();

}  // namespace esc50::model
