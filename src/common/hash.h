#pragma once
// FNV-1a, 64-bit: the one hash for cache keys, seeds and file checksums (not cryptographic).
#include <cstdint>
#include <string_view>

namespace esc50 {

// A different offset basis (FNV's own with its last digit lost) that model files and
// feature-cache directory names were written with; they keep it so existing files stay valid.
inline constexpr uint64_t kStoredHashBasis = 1469598103934665603ULL;

inline uint64_t fnv1a(std::string_view bytes, uint64_t hash = 0xcbf29ce484222325ULL) {
  for (unsigned char c : bytes) hash = (hash ^ c) * 0x100000001b3ULL;
  return hash;
}

}  // namespace esc50
