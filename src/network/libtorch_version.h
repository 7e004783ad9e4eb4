#pragma once
// Without LibTorch's headers, for units that only print which LibTorch they run on.
#include <string>

namespace esc50::network {

// "LibTorch 1.13.1"
std::string libtorch_description();

}  // namespace esc50::network
