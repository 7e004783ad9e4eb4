#pragma once
// Writes test audio with libsndfile in any format/subtype it supports.
#include <sndfile.h>

#include <cmath>
#include <filesystem>
#include <numbers>
#include <stdexcept>
#include <vector>

namespace esc50::test {

inline std::vector<float> sine_wave(double hz, int rate, size_t frames, float amplitude = 0.5f) {
  std::vector<float> x(frames);
  for (size_t i = 0; i < frames; ++i) x[i] = amplitude * std::sin(2 * std::numbers::pi * hz * i / rate);
  return x;
}

// `interleaved` holds frames * channels samples.
inline void write_audio(const std::filesystem::path& file, int format, int rate, int channels,
                        const std::vector<float>& interleaved) {
  SF_INFO info{};
  info.samplerate = rate;
  info.channels = channels;
  info.format = format;
  SNDFILE* f = sf_open(file.c_str(), SFM_WRITE, &info);
  if (!f) throw std::runtime_error(std::string("test cannot write audio: ") + sf_strerror(nullptr));
  sf_command(f, SFC_SET_NORM_FLOAT, nullptr, SF_TRUE);
  sf_writef_float(f, interleaved.data(), static_cast<sf_count_t>(interleaved.size() / channels));
  sf_close(f);
}

}  // namespace esc50::test
