#include "features/mel_filterbank.h"

#include <algorithm>
#include <cmath>

namespace esc50::features {
namespace {

// Slaney's Auditory Toolbox scale: linear below 1 kHz, logarithmic above.
constexpr double kLinearStepHz = 200.0 / 3.0;
constexpr double kLogStartHz = 1000.0;
constexpr double kLogStartMel = kLogStartHz / kLinearStepHz;
const double kLogStep = std::log(6.4) / 27.0;

}  // namespace

double hz_to_mel_slaney(double hz) {
  if (hz < kLogStartHz) return hz / kLinearStepHz;
  return kLogStartMel + std::log(hz / kLogStartHz) / kLogStep;
}

double mel_to_hz_slaney(double mel) {
  if (mel < kLogStartMel) return mel * kLinearStepHz;
  return kLogStartHz * std::exp(kLogStep * (mel - kLogStartMel));
}

std::vector<MelFilter> slaney_mel_filterbank(int sample_rate, int n_fft, int n_mels, double fmin,
                                             double fmax) {
  const int n_bins = n_fft / 2 + 1;
  std::vector<double> bin_hz(n_bins);
  for (int k = 0; k < n_bins; ++k) bin_hz[k] = double(sample_rate) * k / n_fft;

  const double mel_lo = hz_to_mel_slaney(fmin), mel_hi = hz_to_mel_slaney(fmax);
  std::vector<double> edge_hz(n_mels + 2);
  for (int i = 0; i < n_mels + 2; ++i)
    edge_hz[i] = mel_to_hz_slaney(mel_lo + (mel_hi - mel_lo) * i / (n_mels + 1));

  std::vector<MelFilter> filters(n_mels);
  for (int m = 0; m < n_mels; ++m) {
    const double lo = edge_hz[m], centre = edge_hz[m + 1], hi = edge_hz[m + 2];
    const double area_norm = 2.0 / (hi - lo);  // Slaney: equal area per filter
    std::vector<float> row(n_bins);
    for (int k = 0; k < n_bins; ++k) {
      double rising = (bin_hz[k] - lo) / (centre - lo);
      double falling = (hi - bin_hz[k]) / (hi - centre);
      row[k] = static_cast<float>(std::max(0.0, std::min(rising, falling)) * area_norm);
    }
    auto first = std::find_if(row.begin(), row.end(), [](float w) { return w > 0; });
    auto last = std::find_if(row.rbegin(), row.rend(), [](float w) { return w > 0; }).base();
    if (first < last) {
      filters[m].first_bin = static_cast<int>(first - row.begin());
      filters[m].weights.assign(first, last);
    }
  }
  return filters;
}

}  // namespace esc50::features
