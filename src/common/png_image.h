#pragma once
#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

namespace esc50 {

struct RgbImage {
  int width = 0;
  int height = 0;
  std::vector<uint8_t> pixels;  // row-major RGB, top row first
};

std::string encode_png(const RgbImage& image);
void write_png(const std::filesystem::path& file, const RgbImage& image);  // atomic

// Perceptually uniform colour map (viridis-like), t in [0, 1].
void colormap_viridis(float t, uint8_t rgb[3]);

}  // namespace esc50
