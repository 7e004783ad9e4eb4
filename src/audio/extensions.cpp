#include <algorithm>
#include <array>
#include <cctype>
#include <string>

#include "audio/audio.h"

namespace esc50::audio {

bool has_audio_extension(const std::filesystem::path& file) {
  static const std::array<std::string, 14> kExtensions = {
      ".wav", ".wave", ".flac", ".ogg", ".oga", ".opus", ".aif",
      ".aiff", ".aifc", ".au", ".snd", ".caf", ".w64", ".mp3"};
  auto ext = file.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  return std::find(kExtensions.begin(), kExtensions.end(), ext) != kExtensions.end();
}

}  // namespace esc50::audio
