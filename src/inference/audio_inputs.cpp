#include "inference/audio_inputs.h"

#include <algorithm>

#include "audio/audio.h"
#include "common/error.h"

namespace esc50::inference {
namespace fs = std::filesystem;

std::vector<fs::path> expand_audio_inputs(const std::vector<fs::path>& inputs) {
  std::vector<fs::path> files;
  for (const auto& input : inputs) {
    std::error_code ec;
    if (!fs::exists(input, ec)) fail_file(input, "no such file or directory");
    if (!fs::is_directory(input, ec)) {
      files.push_back(input);
      continue;
    }
    std::vector<fs::path> found;
    fs::recursive_directory_iterator it(input, fs::directory_options::skip_permission_denied, ec);
    for (; !ec && it != fs::recursive_directory_iterator(); it.increment(ec))
      if (it->is_regular_file(ec) && audio::has_audio_extension(it->path())) found.push_back(it->path());
    if (ec) fail_file(input, "cannot list directory: " + ec.message());
    std::sort(found.begin(), found.end());
    files.insert(files.end(), found.begin(), found.end());
  }
  return files;
}

}  // namespace esc50::inference
