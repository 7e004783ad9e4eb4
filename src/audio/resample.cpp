#include <soxr.h>

#include <cmath>

#include "audio/audio.h"
#include "common/error.h"

namespace esc50::audio {

std::vector<float> resample(std::span<const float> samples, int from_rate, int to_rate) {
  if (from_rate <= 0 || to_rate <= 0) throw Error("resample: sample rates must be positive");
  if (from_rate == to_rate) return {samples.begin(), samples.end()};
  // Same output length as librosa.resample: ceil(n * to / from).
  auto out_len = static_cast<size_t>(std::ceil(double(samples.size()) * to_rate / from_rate));
  std::vector<float> out(out_len);
  size_t produced = 0;
  auto io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
  auto quality = soxr_quality_spec(SOXR_HQ, 0);
  auto error = soxr_oneshot(from_rate, to_rate, 1, samples.data(), samples.size(), nullptr,
                            out.data(), out.size(), &produced, &io, &quality, nullptr);
  if (error) throw Error(std::string("resample: libsoxr failed: ") + error);
  out.resize(out_len);  // zero-fills if soxr produced fewer samples than requested
  return out;
}

void fit_length(std::vector<float>& samples, size_t length) { samples.resize(length, 0.0f); }

}  // namespace esc50::audio
