#pragma once
// A small untrained model file (tinycnn, 50 classes) for tests of the serving stack: real
// loading and inference code, no training needed.
#include <filesystem>

namespace esc50::test {

// Writes the model to `file` and returns it; deterministic (fixed seed).
std::filesystem::path write_tiny_model(const std::filesystem::path& file);

}  // namespace esc50::test
