#include "common/png_image.h"

#include <png.h>

#include <algorithm>
#include <array>
#include <cmath>

#include "common/atomic_file.h"
#include "common/error.h"

namespace esc50 {
namespace {

void append_bytes(png_structp png, png_bytep data, png_size_t length) {
  auto* out = static_cast<std::string*>(png_get_io_ptr(png));
  out->append(reinterpret_cast<const char*>(data), length);
}

void ignore_flush(png_structp) {}

// Control points of viridis at t = 0, 0.125, …, 1; linear interpolation in between.
constexpr std::array<std::array<float, 3>, 9> kViridis{{{68, 1, 84},
                                                        {71, 44, 122},
                                                        {59, 81, 139},
                                                        {44, 113, 142},
                                                        {33, 144, 141},
                                                        {39, 173, 129},
                                                        {92, 200, 99},
                                                        {170, 220, 50},
                                                        {253, 231, 37}}};

}  // namespace

void colormap_viridis(float t, uint8_t rgb[3]) {
  t = std::isfinite(t) ? std::clamp(t, 0.0f, 1.0f) : 0.0f;
  float pos = t * (kViridis.size() - 1);
  size_t i = std::min<size_t>(static_cast<size_t>(pos), kViridis.size() - 2);
  float frac = pos - static_cast<float>(i);
  for (int c = 0; c < 3; ++c)
    rgb[c] = static_cast<uint8_t>(std::lround(kViridis[i][c] * (1 - frac) + kViridis[i + 1][c] * frac));
}

std::string encode_png(const RgbImage& image) {
  if (image.width <= 0 || image.height <= 0 ||
      image.pixels.size() != size_t(image.width) * image.height * 3)
    throw Error("encode_png: image size does not match its pixel buffer");
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!info) {
    png_destroy_write_struct(&png, nullptr);
    throw Error("encode_png: libpng initialisation failed");
  }
  std::string out;
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    throw Error("encode_png: libpng failed");
  }
  png_set_write_fn(png, &out, append_bytes, ignore_flush);
  png_set_IHDR(png, info, image.width, image.height, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
               PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int y = 0; y < image.height; ++y)
    png_write_row(png, const_cast<png_bytep>(&image.pixels[size_t(y) * image.width * 3]));
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  return out;
}

void write_png(const std::filesystem::path& file, const RgbImage& image) {
  write_file_atomic(file, encode_png(image));
}

}  // namespace esc50
