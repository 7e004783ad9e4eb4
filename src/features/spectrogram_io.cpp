#include <algorithm>

#include "common/error.h"
#include "common/npy.h"
#include "common/png_image.h"
#include "features/logmel.h"

namespace esc50::features {

void write_spectrogram_npy(const std::filesystem::path& file, const Spectrogram& spec) {
  write_npy(file, spec.values, {spec.n_mels, spec.n_frames});
}

Spectrogram read_spectrogram_npy(const std::filesystem::path& file) {
  auto array = read_npy(file);
  if (array.shape.size() != 2) fail_file(file, "expected a 2-D [n_mels][frames] array");
  return {static_cast<int>(array.shape[0]), static_cast<int>(array.shape[1]), std::move(array.values)};
}

std::string spectrogram_png(const Spectrogram& spec, int scale) {
  if (spec.values.empty()) throw Error("spectrogram_png: empty spectrogram");
  scale = std::max(1, scale);
  auto [lo_it, hi_it] = std::minmax_element(spec.values.begin(), spec.values.end());
  const float lo = *lo_it, range = std::max(1e-6f, *hi_it - lo);
  RgbImage image{spec.n_frames * scale, spec.n_mels * scale, {}};
  image.pixels.resize(size_t(image.width) * image.height * 3);
  for (int y = 0; y < image.height; ++y) {
    int mel = spec.n_mels - 1 - y / scale;  // low frequencies at the bottom
    for (int x = 0; x < image.width; ++x)
      colormap_viridis((spec.at(mel, x / scale) - lo) / range, &image.pixels[(size_t(y) * image.width + x) * 3]);
  }
  return encode_png(image);
}

}  // namespace esc50::features
