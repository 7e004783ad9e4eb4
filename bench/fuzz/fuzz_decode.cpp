// libFuzzer target: audio decoding from memory (every container libsndfile opens), then the
// path an upload takes to the model's input: resampling and log-mel.
#include <cstddef>
#include <cstdint>
#include <span>

#include "audio/audio.h"
#include "common/error.h"
#include "features/logmel.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace esc50;
  static const features::LogMelExtractor extractor(features::FeatureSettings{.clip_seconds = 0.5, .n_mels = 32});
  try {
    const auto decoded = audio::decode_mono(std::span(reinterpret_cast<const std::byte*>(data), size), "fuzz",
                                            {.max_duration_s = 10});
    const auto clip = audio::prepare_clip(decoded, {.sample_rate = 22050, .duration_s = 0.5});
    extractor.compute(clip.samples);
  } catch (const Error&) {
  }
  return 0;
}
