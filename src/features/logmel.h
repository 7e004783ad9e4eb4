#pragma once
// Log-mel spectrogram with librosa >= 0.10 conventions (Slaney mel scale and norm, periodic
// Hann, centred zero-padded frames, power_to_db(ref=max)). STFT by FFTW3 single precision.
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

#include "common/param_table.h"

namespace esc50::features {

struct FeatureSettings {
  int sample_rate = 22050;
  double clip_seconds = 5.0;
  int n_fft = 2048;
  int hop_length = 512;
  int n_mels = 128;
  double fmin = 0;
  double fmax = 0;  // 0 = sample_rate / 2
  double power = 2.0;
  bool center = true;
  double amin = 1e-10;
  double top_db = 80;  // 0 = no clipping
};

const ParamTable<FeatureSettings>& feature_params();
// Stable short hash of the settings: the feature cache key.
std::string settings_key(const FeatureSettings& settings);

struct Spectrogram {
  int n_mels = 0;
  int n_frames = 0;
  std::vector<float> values;  // row-major [n_mels][n_frames], dB
  float at(int mel, int frame) const { return values[size_t(mel) * n_frames + frame]; }
};

// Thread-safe: one extractor can serve many threads (FFTW plans are made once, executed with
// per-thread scratch).
class LogMelExtractor {
 public:
  explicit LogMelExtractor(const FeatureSettings& settings);
  ~LogMelExtractor();
  LogMelExtractor(const LogMelExtractor&) = delete;
  LogMelExtractor& operator=(const LogMelExtractor&) = delete;

  const FeatureSettings& settings() const { return settings_; }
  int frames_for(size_t n_samples) const;
  // Samples must already be at settings().sample_rate.
  Spectrogram compute(std::span<const float> samples) const;
  // Mel power spectrogram before dB conversion (for augmentations working on power).
  Spectrogram mel_power(std::span<const float> samples) const;
  // Whether the FFT follows the plan named by esc50's built-in FFTW wisdom (logmel.cpp) rather
  // than FFTW_ESTIMATE's, which is slower: benchmarks print it.
  bool fft_plan_from_wisdom() const;

 private:
  struct Impl;
  FeatureSettings settings_;
  std::unique_ptr<Impl> impl_;
};

// power_to_db(ref=max, amin, top_db) in place.
void power_to_db(Spectrogram& spec, double amin, double top_db);

// Decode + resample + pad/crop to clip_seconds + log-mel.
Spectrogram extract_clip(const std::filesystem::path& file, const LogMelExtractor& extractor);

void write_spectrogram_npy(const std::filesystem::path& file, const Spectrogram& spec);
Spectrogram read_spectrogram_npy(const std::filesystem::path& file);
// Colour-mapped picture, low frequencies at the bottom.
std::string spectrogram_png(const Spectrogram& spec, int scale = 2);

}  // namespace esc50::features
