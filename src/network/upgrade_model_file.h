#pragma once
// Without LibTorch's headers, for esc50-train's upgrade-model (network_file.h pulls them in).
#include <filesystem>

namespace esc50::network {

// Reads `in` in any format load_network reads and writes it to `out` (which may be `in`) in
// the current format, atomically. Throws Error "<file>: ..." as load_network does.
void upgrade_model_file(const std::filesystem::path& in, const std::filesystem::path& out);

}  // namespace esc50::network
