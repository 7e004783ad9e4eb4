#pragma once
#include <filesystem>
#include <vector>

namespace esc50::inference {

// Files as given (any extension: the decoder judges them) plus, for each directory, every
// audio file below it, sorted. Throws Error naming a path that does not exist.
std::vector<std::filesystem::path> expand_audio_inputs(
    const std::vector<std::filesystem::path>& inputs);

}  // namespace esc50::inference
