#include "augment/settings.h"

#include <string>

#include "augment/transform_catalog.h"
#include "common/error.h"

namespace esc50::augment {

const ParamTable<AugmentSettings>& augment_params() {
  using S = AugmentSettings;
  static const ParamTable<AugmentSettings> table(
      "Augmentation",
      {
          {"policy", "augmentation policy", &S::policy, 0, 0,
           {"none", "balanced", "acoustic", "adaptive"}},
          {"probability", "chance a training sample is augmented (adaptive: mean over classes)",
           &S::probability, 0, 1},
          {"stretch_min", "slowest time-stretch rate at full strength", &S::stretch_min, 0.5, 1},
          {"stretch_max", "fastest time-stretch rate at full strength", &S::stretch_max, 1, 2},
          {"pitch_semitones", "pitch-shift range ± semitones at full strength",
           &S::pitch_semitones, 0, 12},
          {"gain_db", "gain range ± dB at full strength", &S::gain_db, 0, 24},
          {"noise_snr_min_db", "lowest (noisiest) Gaussian-noise SNR in dB", &S::noise_snr_min_db,
           -10, 60},
          {"noise_snr_max_db", "highest (quietest) Gaussian-noise SNR in dB",
           &S::noise_snr_max_db, -10, 60},
          {"shift_max_s", "time-shift range ± seconds at full strength (zero fill)",
           &S::shift_max_s, 0, 5},
          {"reverb_rt60_min_s", "shortest reverb RT60 in seconds", &S::reverb_rt60_min_s, 0.05, 3},
          {"reverb_rt60_max_s", "longest reverb RT60 in seconds", &S::reverb_rt60_max_s, 0.05, 3},
          {"reverb_wet_max", "largest reverb wet mix", &S::reverb_wet_max, 0, 1},
          {"lowpass_min_hz", "lowest 'distance' low-pass cut-off in Hz", &S::lowpass_min_hz, 100,
           20000},
          {"lowpass_max_hz", "highest 'distance' low-pass cut-off in Hz", &S::lowpass_max_hz, 100,
           20000},
          {"ambience_snr_min_db", "loudest ambience bed: clip-to-bed ratio in dB",
           &S::ambience_snr_min_db, -10, 60},
          {"ambience_snr_max_db", "quietest ambience bed: clip-to-bed ratio in dB",
           &S::ambience_snr_max_db, -10, 60},
          {"hum_hz", "mains frequency of the indoor ambience bed", &S::hum_hz, 40, 70},
          {"event_min_s", "shortest sound event cut out of a clip at full strength (s)", &S::event_min_s, 0.05, 60},
          {"event_max_s", "longest sound event cut out of a clip at full strength (s)", &S::event_max_s, 0.05, 60},
          {"band_low_min_hz", "band limit: lowest high-pass corner at full strength (Hz)", &S::band_low_min_hz, 0,
           20000},
          {"band_low_max_hz", "band limit: highest high-pass corner at full strength (Hz)", &S::band_low_max_hz, 0,
           20000},
          {"band_high_min_hz", "band limit: lowest low-pass corner at full strength (Hz)", &S::band_high_min_hz, 100,
           48000},
          {"band_high_max_hz", "band limit: highest low-pass corner at full strength (Hz)", &S::band_high_max_hz, 100,
           48000},
          {"balanced_transforms", "the transforms the balanced policy draws 2-4 of, comma-separated",
           &S::balanced_transforms},
          {"adaptive_rate", "adaptive: change per unit of (mean recall - class recall)",
           &S::adaptive_rate, 0, 10},
          {"adaptive_initial_strength", "adaptive: strength of every class before any update",
           &S::adaptive_initial_strength, 0, 1},
          {"adaptive_min_strength", "adaptive: lowest per-class strength",
           &S::adaptive_min_strength, 0, 1},
          {"adaptive_max_strength", "adaptive: highest per-class strength",
           &S::adaptive_max_strength, 0, 1},
          {"adaptive_min_probability", "adaptive: lowest per-class augmentation probability",
           &S::adaptive_min_probability, 0, 1},
          {"adaptive_max_probability", "adaptive: highest per-class augmentation probability",
           &S::adaptive_max_probability, 0, 1},
          {"rubberband_engine",
           "Rubber Band engine for stretch and pitch: R2 (faster), R3 (finer), R3 short window",
           &S::rubberband_engine, 0, 0, {"faster", "finer", "finer-short"}},
          {"cache_variants", "augmented variants pre-rendered per clip (0 = none)",
           &S::cache_variants, 0, 64},
          {"strength_levels", "strength levels the adaptive variants are spread over",
           &S::strength_levels, 1, 16},
          {"seed", "augmentation seed (`esc50 augment`, --augment-seed; mixed into every pre-rendered variant; a --member's augment_seed)", &S::seed, 0, 2147483647},
      });
  return table;
}

}  // namespace esc50::augment

namespace esc50::augment {
namespace {

void check_order(double lo, double hi, const char* lo_name, const char* hi_name) {
  if (lo > hi)
    throw Error(std::string("Augmentation: ") + lo_name + " must not exceed " + hi_name);
}

}  // namespace

void validate(const AugmentSettings& s) {
  augment_params().validate(s);
  check_order(s.noise_snr_min_db, s.noise_snr_max_db, "noise_snr_min_db", "noise_snr_max_db");
  check_order(s.reverb_rt60_min_s, s.reverb_rt60_max_s, "reverb_rt60_min_s", "reverb_rt60_max_s");
  check_order(s.lowpass_min_hz, s.lowpass_max_hz, "lowpass_min_hz", "lowpass_max_hz");
  check_order(s.ambience_snr_min_db, s.ambience_snr_max_db, "ambience_snr_min_db",
              "ambience_snr_max_db");
  check_order(s.event_min_s, s.event_max_s, "event_min_s", "event_max_s");
  check_order(s.band_low_min_hz, s.band_low_max_hz, "band_low_min_hz", "band_low_max_hz");
  check_order(s.band_high_min_hz, s.band_high_max_hz, "band_high_min_hz", "band_high_max_hz");
  check_order(s.band_low_max_hz, s.band_high_min_hz, "band_low_max_hz", "band_high_min_hz");
  try {
    parse_transforms(s.balanced_transforms);
  } catch (const Error& e) {
    throw Error(std::string("Augmentation: balanced_transforms: ") + e.what());
  }
  check_order(s.adaptive_min_strength, s.adaptive_max_strength, "adaptive_min_strength",
              "adaptive_max_strength");
  check_order(s.adaptive_min_probability, s.adaptive_max_probability, "adaptive_min_probability",
              "adaptive_max_probability");
  check_order(s.adaptive_min_probability, s.probability, "adaptive_min_probability",
              "probability");
  check_order(s.probability, s.adaptive_max_probability, "probability",
              "adaptive_max_probability");
}

}  // namespace esc50::augment
