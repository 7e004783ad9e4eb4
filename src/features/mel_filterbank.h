#pragma once
#include <vector>

namespace esc50::features {

// One triangular filter over FFT bins [first_bin, first_bin + weights.size()).
struct MelFilter {
  int first_bin = 0;
  std::vector<float> weights;
};

// Slaney-scale, Slaney-normalised mel filters, as librosa.filters.mel(htk=False, norm='slaney').
std::vector<MelFilter> slaney_mel_filterbank(int sample_rate, int n_fft, int n_mels, double fmin,
                                             double fmax);

double hz_to_mel_slaney(double hz);
double mel_to_hz_slaney(double mel);

}  // namespace esc50::features
