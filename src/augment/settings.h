#pragma once
// Every augmentation setting — policy choice, parameter ranges, adaptive behaviour, cache
// layout — declared once in a ParamTable (validation, JSON in config.json, CLI, docs).
#include <string>

#include "common/param_table.h"

namespace esc50::augment {

struct AugmentSettings {
  std::string policy = "none";  // none | balanced | acoustic | adaptive
  // Chance that a training sample is augmented instead of clean (per-class mean for adaptive).
  double probability = 0.5;

  // Ranges at full strength (strength 1). A strength s in [0, 1] shrinks each range towards
  // the identity transform, so one table serves mild and strong augmentation.
  double stretch_min = 0.75;  // rate < 1 slows down
  double stretch_max = 1.35;
  double pitch_semitones = 3.0;  // ± range
  double gain_db = 6.0;          // ± range
  double noise_snr_min_db = 10;  // strongest noise
  double noise_snr_max_db = 40;  // weakest noise
  double shift_max_s = 0.5;      // ± seconds, zero fill
  double reverb_rt60_min_s = 0.2;
  double reverb_rt60_max_s = 1.0;
  double reverb_wet_max = 0.5;
  double lowpass_min_hz = 2000;  // "distance" cut-off range
  double lowpass_max_hz = 6000;
  double ambience_snr_min_db = 5;  // loudest ambience bed
  double ambience_snr_max_db = 25;
  double hum_hz = 50;  // mains frequency of the indoor bed
  double event_min_s = 0.5;  // shortest event cut out of a clip at full strength
  double event_max_s = 2.0;
  double band_low_min_hz = 100;  // band limit: high-pass corner range at full strength
  double band_low_max_hz = 500;
  double band_high_min_hz = 3000;  // band limit: low-pass corner range at full strength
  double band_high_max_hz = 8000;

  // The transforms `balanced` draws 2–4 of, comma-separated (transform_names()).
  std::string balanced_transforms = "shift,time_stretch,pitch_shift,gain";

  // Adaptive policy: per-class probability and strength move with (mean recall - recall).
  double adaptive_rate = 1.0;
  double adaptive_initial_strength = 0.5;
  double adaptive_min_strength = 0.1;
  double adaptive_max_strength = 1.0;
  double adaptive_min_probability = 0.1;
  double adaptive_max_probability = 0.9;

  // Rubber Band engine for stretch/pitch: "faster" (R2), "finer" (R3) or "finer-short" (R3,
  // short window: R2's speed with R3's pitch accuracy on 5 s clips; see transforms.h).
  std::string rubberband_engine = "finer-short";

  // Pre-rendered cache: K augmented variants per clip spread over L strength levels
  // (levels only matter for adaptive; other policies render every variant at strength 1).
  int cache_variants = 0;
  int strength_levels = 3;
  int seed = 0;  // mixed into every variant's seed
};

const ParamTable<AugmentSettings>& augment_params();
// The table's checks plus those between settings (each min <= its max). Throws Error.
void validate(const AugmentSettings& settings);

}  // namespace esc50::augment
