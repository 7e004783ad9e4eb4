#include "features/logmel.h"

#include <fftw3.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <cmath>
#include <limits>
#include <memory>
#include <mutex>
#include <numbers>

#include "audio/audio.h"
#include "features/fftw_planner.h"
#include "features/mel_filterbank.h"

namespace esc50::features {

std::mutex& fftw_planner_mutex() {
  static std::mutex m;
  return m;
}

namespace {

template <class T>
struct FftwBuffer {
  explicit FftwBuffer(size_t n) : data(static_cast<T*>(fftwf_malloc(n * sizeof(T)))) {
    if (!data) throw std::bad_alloc();
  }
  ~FftwBuffer() { fftwf_free(data); }
  FftwBuffer(const FftwBuffer&) = delete;
  FftwBuffer& operator=(const FftwBuffer&) = delete;
  T* data;
};

// Per-thread STFT scratch, reused across clips and extractors (it grows to the largest
// n_fft seen): the feature cache calls mel_power thousands of times per thread.
struct StftScratch {
  int n_fft = 0;
  std::unique_ptr<FftwBuffer<float>> frame;
  std::unique_ptr<FftwBuffer<fftwf_complex>> bins;
  std::vector<float> spectrum;

  static StftScratch& for_this_thread(int n_fft) {
    thread_local StftScratch scratch;
    if (scratch.n_fft < n_fft) {
      scratch.frame = std::make_unique<FftwBuffer<float>>(n_fft);
      scratch.bins = std::make_unique<FftwBuffer<fftwf_complex>>(n_fft / 2 + 1);
      scratch.spectrum.resize(n_fft / 2 + 1);
      scratch.n_fft = n_fft;
    }
    return scratch;
  }
};

}  // namespace

struct LogMelExtractor::Impl {
  int n_fft;
  int hop;
  bool center;
  double power;
  std::vector<float> window;  // periodic Hann
  std::vector<MelFilter> filters;
  fftwf_plan plan = nullptr;
};

LogMelExtractor::LogMelExtractor(const FeatureSettings& settings)
    : settings_(settings), impl_(std::make_unique<Impl>()) {
  feature_params().validate(settings_);
  if (settings_.fmax <= 0) settings_.fmax = settings_.sample_rate / 2.0;
  if (settings_.fmin >= settings_.fmax)
    throw Error("feature settings: fmin must be below fmax (" + std::to_string(settings_.fmax) + " Hz)");
  auto& d = *impl_;
  d.n_fft = settings_.n_fft;
  d.hop = settings_.hop_length;
  d.center = settings_.center;
  d.power = settings_.power;
  d.window.resize(d.n_fft);
  for (int n = 0; n < d.n_fft; ++n)
    d.window[n] = static_cast<float>(0.5 - 0.5 * std::cos(2.0 * std::numbers::pi * n / d.n_fft));
  d.filters = slaney_mel_filterbank(settings_.sample_rate, d.n_fft, settings_.n_mels,
                                    settings_.fmin, settings_.fmax);
  FftwBuffer<float> in(d.n_fft);
  FftwBuffer<fftwf_complex> out(d.n_fft / 2 + 1);
  std::lock_guard lock(fftw_planner_mutex());
  d.plan = fftwf_plan_dft_r2c_1d(d.n_fft, in.data, out.data, FFTW_ESTIMATE);
}

LogMelExtractor::~LogMelExtractor() {
  if (impl_ && impl_->plan) {
    std::lock_guard lock(fftw_planner_mutex());
    fftwf_destroy_plan(impl_->plan);
  }
}

int LogMelExtractor::frames_for(size_t n_samples) const {
  const auto& d = *impl_;
  long padded = static_cast<long>(n_samples) + (d.center ? 2 * (d.n_fft / 2) : 0);
  return padded < d.n_fft ? 0 : static_cast<int>(1 + (padded - d.n_fft) / d.hop);
}

Spectrogram LogMelExtractor::mel_power(std::span<const float> samples) const {
  const auto& d = *impl_;
  Spectrogram spec;
  spec.n_mels = settings_.n_mels;
  spec.n_frames = frames_for(samples.size());
  spec.values.assign(size_t(spec.n_mels) * spec.n_frames, 0.0f);

  const int n_bins = d.n_fft / 2 + 1;
  const long offset = d.center ? d.n_fft / 2 : 0;  // centred frames: zero padding both sides
  auto& scratch = StftScratch::for_this_thread(d.n_fft);
  auto& frame = *scratch.frame;
  auto& bins = *scratch.bins;
  auto& spectrum = scratch.spectrum;
  for (int t = 0; t < spec.n_frames; ++t) {
    long start = long(t) * d.hop - offset;
    if (start >= 0 && start + d.n_fft <= long(samples.size())) {
      const float* x = samples.data() + start;
      for (int n = 0; n < d.n_fft; ++n) frame.data[n] = x[n] * d.window[n];
    } else {  // edge frames reach into the zero padding
      for (int n = 0; n < d.n_fft; ++n) {
        long i = start + n;
        frame.data[n] = (i >= 0 && i < long(samples.size())) ? samples[i] * d.window[n] : 0.0f;
      }
    }
    fftwf_execute_dft_r2c(d.plan, frame.data, bins.data);
    for (int k = 0; k < n_bins; ++k)
      spectrum[k] = bins.data[k][0] * bins.data[k][0] + bins.data[k][1] * bins.data[k][1];
    if (d.power != 2.0)
      for (int k = 0; k < n_bins; ++k) spectrum[k] = static_cast<float>(std::pow(spectrum[k], d.power / 2.0));
    for (int m = 0; m < spec.n_mels; ++m) {
      const auto& f = d.filters[m];
      const float* bin = spectrum.data() + f.first_bin;
      float acc = 0;
      for (size_t j = 0; j < f.weights.size(); ++j) acc += f.weights[j] * bin[j];
      spec.values[size_t(m) * spec.n_frames + t] = acc;
    }
  }
  return spec;
}

Spectrogram LogMelExtractor::compute(std::span<const float> samples) const {
  auto spec = mel_power(samples);
  power_to_db(spec, settings_.amin, settings_.top_db);
  return spec;
}

namespace {

// 10 * log10(x) for normal positive floats, within 1e-4 dB of the exact value: the exponent
// from the bits, ln of the mantissa (in [sqrt(1/2), sqrt(2))) by the atanh series
// ln m = 2 (s + s^3/3 + s^5/5 + s^7/7), s = (m - 1) / (m + 1), |s| < 0.172. Unlike libm's
// log10f it is inline and branch-free: log10f took a third of log-mel's
// time (0.33 ms of 1.1 ms a clip), this 0.14 ms.
inline float decibels(float x) {
  constexpr float kDbPerNeper = 4.342944819f;  // 10 / ln 10
  constexpr float kLn2 = 0.693147181f;
  const auto bits = std::bit_cast<uint32_t>(x);
  int exponent = int(bits >> 23) - 127;
  float mantissa = std::bit_cast<float>((bits & 0x007fffffu) | 0x3f800000u);  // [1, 2)
  const bool high = mantissa > 1.41421356f;
  mantissa = high ? 0.5f * mantissa : mantissa;
  exponent += high;
  const float s = (mantissa - 1.0f) / (mantissa + 1.0f);
  const float s2 = s * s;
  const float ln_mantissa = 2.0f * s * (1.0f + s2 * (1.0f / 3 + s2 * (1.0f / 5 + s2 * (1.0f / 7))));
  return kDbPerNeper * (float(exponent) * kLn2 + ln_mantissa);
}

}  // namespace

void power_to_db(Spectrogram& spec, double amin, double top_db) {
  if (spec.values.empty()) return;
  double ref = *std::max_element(spec.values.begin(), spec.values.end());
  const float ref_db = static_cast<float>(10.0 * std::log10(std::max(amin, ref)));
  const float floor_power = static_cast<float>(amin);  // >= 1e-20: a normal float
  float peak_db = -std::numeric_limits<float>::infinity();
  for (auto& v : spec.values) {
    v = decibels(std::max(floor_power, v)) - ref_db;
    peak_db = std::max(peak_db, v);
  }
  if (top_db > 0) {
    auto floor_db = static_cast<float>(peak_db - top_db);
    for (auto& v : spec.values) v = std::max(v, floor_db);
  }
}

Spectrogram extract_clip(const std::filesystem::path& file, const LogMelExtractor& extractor) {
  const auto& s = extractor.settings();
  auto wave = audio::load_clip(file, {.sample_rate = s.sample_rate, .duration_s = s.clip_seconds});
  return extractor.compute(wave.samples);
}

}  // namespace esc50::features
