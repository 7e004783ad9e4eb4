#include "model/cpu_features.h"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

namespace esc50::model {

bool CpuIdentity::has(const std::string& flag) const {
  return std::find(flags.begin(), flags.end(), flag) != flags.end();
}

// Reads up to the first blank line, which ends the first processor's block.
CpuIdentity parse_cpuinfo(std::istream& cpuinfo) {
  CpuIdentity cpu;
  for (std::string line; std::getline(cpuinfo, line) && !line.empty();) {
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    const auto key = line.substr(0, line.find_last_not_of(" \t", colon - 1) + 1);
    const auto value = line.substr(std::min(colon + 2, line.size()));
    if (key == "vendor_id") {
      cpu.vendor = value;
    } else if (key == "cpu family") {
      std::from_chars(value.data(), value.data() + value.size(), cpu.family);
    } else if (key == "flags") {
      std::istringstream words(value);
      for (std::string flag; words >> flag;) cpu.flags.push_back(flag);
    }
  }
  return cpu;
}

const CpuIdentity& this_cpu() {
  static const CpuIdentity cpu = [] {
    std::ifstream cpuinfo("/proc/cpuinfo");
    return parse_cpuinfo(cpuinfo);
  }();
  return cpu;
}

bool has_native_bf16(const CpuIdentity& cpu) { return cpu.has("avx512_bf16") || cpu.has("amx_bf16"); }

bool prefers_bf16_inference(const CpuIdentity& cpu) {
  const bool zen5 = cpu.vendor == "AuthenticAMD" && cpu.family >= 26;
  return cpu.has("amx_bf16") || (zen5 && cpu.has("avx512_bf16"));
}

bool prefers_bf16_training(const CpuIdentity& cpu) { return cpu.has("amx_bf16"); }

bool cpu_has_native_bf16() { return has_native_bf16(this_cpu()); }

bool cpu_prefers_bf16_inference() { return prefers_bf16_inference(this_cpu()); }

bool cpu_prefers_bf16_training() { return prefers_bf16_training(this_cpu()); }

std::string cpu_description() {
  const auto& cpu = this_cpu();
  auto yes_no = [](bool b) { return b ? "yes" : "no"; };
  return std::string("CPU: AVX2 ") + yes_no(cpu.has("avx2")) + ", AVX-512 " + yes_no(cpu.has("avx512f")) +
         ", native bf16 " + yes_no(has_native_bf16(cpu)) + ", AMX " + yes_no(cpu.has("amx_bf16")) +
         " (auto precision: " + (prefers_bf16_inference(cpu) ? "bf16" : "fp32") + " inference, " +
         (prefers_bf16_training(cpu) ? "bf16" : "fp32") + " training)";
}

}  // namespace esc50::model
