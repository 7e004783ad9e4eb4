#pragma once
// Waveform transforms: small pure functions on a mono buffer. Each returns a buffer of the
// input's length with finite samples; randomness comes only from the explicit seed.
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace esc50::augment {

using Samples = std::vector<float>;

// Rubber Band engines: R2 ("faster"), R3 ("finer") and R3 with its short window
// ("finer-short", the default): on 5 s clips at 22.05 kHz the last is as fast as R2 and, unlike
// R2, keeps a 440 Hz tone's frequency exact (R2 drifts by up to ~1.2 %).
enum class RubberBandEngine { faster, finer, finer_short };
RubberBandEngine parse_engine(const std::string& name);  // "faster" | "finer" | "finer-short"

// Time stretch by `rate` (> 1 faster, < 1 slower), pitch kept; cropped or zero-padded back
// to the input length.
Samples time_stretch(std::span<const float> x, int sample_rate, double rate,
                     RubberBandEngine engine = RubberBandEngine::finer_short);
// Pitch shift by `semitones`, duration kept.
Samples pitch_shift(std::span<const float> x, int sample_rate, double semitones,
                    RubberBandEngine engine = RubberBandEngine::finer_short);

// White Gaussian noise at `snr_db` relative to the clip's mean power (silence stays silent).
Samples add_noise(std::span<const float> x, double snr_db, uint64_t seed);
Samples apply_gain(std::span<const float> x, double gain_db);
// Delays (> 0) or advances (< 0) by `shift_s` seconds; the vacated part is zeros.
Samples time_shift(std::span<const float> x, int sample_rate, double shift_s);
// A short sound event: the loudest `seconds` of the clip (all of it when longer), moved to
// `position` in [0, 1] (0 = the clip's start, 1 = its end) in silence; the length is kept.
Samples isolate_event(std::span<const float> x, int sample_rate, double seconds, double position);

// Convolution with an exponentially decaying noise impulse response reaching -60 dB at
// `rt60_s`, mixed `wet` (0..1) with the dry signal.
Samples reverb(std::span<const float> x, int sample_rate, double rt60_s, double wet,
               uint64_t seed);
// "Distance": zero-phase Butterworth low-pass (order 8, run forward and backward) at
// `cutoff_hz`, mixed `wet` (0..1) with the dry signal.
Samples distance(std::span<const float> x, int sample_rate, double cutoff_hz, double wet);
Samples lowpass(std::span<const float> x, int sample_rate, double cutoff_hz);
Samples highpass(std::span<const float> x, int sample_rate, double cutoff_hz);
// A small loudspeaker, a cheap microphone or a phone line: the zero-phase high-pass at `low_hz`
// (none when <= 0) and low-pass at `high_hz` (none when <= 0 or at or above 0.49 × sample_rate).
Samples band_limit(std::span<const float> x, int sample_rate, double low_hz, double high_hz);

// Ambience beds added at `snr_db` below the clip's power.
// Outdoor (wind/traffic): low-passed Gaussian noise with a slow random level drift.
Samples ambience_outdoor(std::span<const float> x, int sample_rate, double snr_db,
                         uint64_t seed);
// Indoor: mains hum (fundamental + harmonics at `hum_hz`) over a low room tone.
Samples ambience_indoor(std::span<const float> x, int sample_rate, double snr_db,
                        double hum_hz, uint64_t seed);

// Adds `bed` scaled so that clip power / bed power = snr_db; a silent clip stays silent.
Samples mix_at_snr(std::span<const float> x, const Samples& bed, double snr_db);

// Mean power (mean of squares) and RMS in dB, for tests and SNR arithmetic.
double mean_power(std::span<const float> x);

}  // namespace esc50::augment
