#include <cstdint>
#include <cstdio>

#include "common/hash.h"
#include "features/logmel.h"

namespace esc50::features {

const ParamTable<FeatureSettings>& feature_params() {
  using S = FeatureSettings;
  static const ParamTable<S> table(
      "Feature settings",
      {
          {"sample_rate", "sample rate (Hz) clips are resampled to", &S::sample_rate, 4000, 96000},
          {"clip_seconds", "clip length (s); shorter clips are zero-padded, longer cropped",
           &S::clip_seconds, 0.5, 60},
          {"n_fft", "STFT window and FFT length (samples)", &S::n_fft, 64, 16384},
          {"hop_length", "STFT hop (samples)", &S::hop_length, 16, 8192},
          {"n_mels", "number of mel bands", &S::n_mels, 8, 512},
          {"fmin", "lowest mel frequency (Hz)", &S::fmin, 0, 48000},
          {"fmax", "highest mel frequency (Hz); 0 = sample_rate / 2", &S::fmax, 0, 48000},
          {"power", "exponent of the magnitude spectrum (2 = power)", &S::power, 0.5, 2},
          {"center", "centre frames on their sample with zero padding (librosa center=True)",
           &S::center},
          {"amin", "floor of the power before taking the log", &S::amin, 1e-20, 1e-2},
          {"top_db", "dynamic range kept below the maximum (dB); 0 = unlimited", &S::top_db, 0, 200},
      });
  return table;
}

std::string settings_key(const FeatureSettings& settings) {
  // FNV-1a over the canonical JSON: any changed setting gives a different cache directory.
  auto text = feature_params().to_json(settings).dump();
  const uint64_t hash = fnv1a(text, kStoredHashBasis);
  char key[17];
  std::snprintf(key, sizeof key, "%016llx", static_cast<unsigned long long>(hash));
  return key;
}

}  // namespace esc50::features
