#include "model/cpu_features.h"

#include <algorithm>
#include <fstream>
#include <initializer_list>
#include <sstream>
#include <vector>

namespace esc50::model {
namespace {

bool cpu_has_flag(std::initializer_list<const char*> wanted) {
  static const std::vector<std::string> flags = [] {
    std::ifstream cpuinfo("/proc/cpuinfo");
    std::vector<std::string> out;
    for (std::string line; std::getline(cpuinfo, line);) {
      if (!line.starts_with("flags")) continue;
      std::istringstream words(line);
      for (std::string flag; words >> flag;) out.push_back(flag);
      break;
    }
    return out;
  }();
  for (const char* w : wanted)
    if (std::find(flags.begin(), flags.end(), w) != flags.end()) return true;
  return false;
}

}  // namespace

bool cpu_has_native_bf16() { return cpu_has_flag({"avx512_bf16", "amx_bf16"}); }

bool cpu_prefers_bf16() { return cpu_has_flag({"amx_bf16"}); }

std::string cpu_description() {
  auto yes_no = [](bool b) { return b ? "yes" : "no"; };
  return std::string("CPU: AVX2 ") + yes_no(cpu_has_flag({"avx2"})) + ", AVX-512 " +
         yes_no(cpu_has_flag({"avx512f"})) + ", native bf16 " + yes_no(cpu_has_native_bf16()) +
         ", AMX " + yes_no(cpu_prefers_bf16()) + " (auto precision: " + (cpu_prefers_bf16() ? "bf16" : "fp32") + ")";
}

}  // namespace esc50::model
