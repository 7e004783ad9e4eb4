// esc50 augment IN --out OUT.wav: one clip through a policy or through chosen transforms.
#include <fmt/format.h>

#include <cmath>
#include <optional>

#include "apps/esc50/commands.h"
#include "apps/esc50/data_option.h"
#include "audio/audio.h"
#include "augment/policy.h"
#include "augment/transform_catalog.h"
#include "common/atomic_file.h"
#include "common/error.h"
#include "common/param_table_cli.h"
#include "features/logmel.h"

namespace esc50::cli {
namespace {

// Single transforms with explicit parameters; unset ones are not applied.
struct ChosenTransforms {
  std::optional<double> stretch, pitch, shift, event, reverb_rt60, lowpass, ambience_outdoor,
      ambience_indoor, noise_snr, band_low, band_high, gain;
  double event_position = 0.5;
  double reverb_wet = 0.5;
  double lowpass_wet = 1.0;

  std::vector<augment::AppliedTransform> chain() const {
    std::vector<augment::AppliedTransform> out;
    const auto add = [&](const std::optional<double>& value, const char* name,
                         std::vector<std::pair<std::string, double>> params) {
      if (value) out.push_back({name, std::move(params)});
    };
    add(stretch, "time_stretch", {{"rate", stretch.value_or(1)}});
    add(pitch, "pitch_shift", {{"semitones", pitch.value_or(0)}});
    add(shift, "shift", {{"seconds", shift.value_or(0)}});
    add(event, "event", {{"seconds", event.value_or(0)}, {"position", event_position}});
    add(reverb_rt60, "reverb", {{"rt60_s", reverb_rt60.value_or(0)}, {"wet", reverb_wet}});
    add(lowpass, "distance", {{"cutoff_hz", lowpass.value_or(0)}, {"wet", lowpass_wet}});
    add(ambience_outdoor, "ambience_outdoor", {{"snr_db", ambience_outdoor.value_or(0)}});
    add(ambience_indoor, "ambience_indoor", {{"snr_db", ambience_indoor.value_or(0)}});
    add(noise_snr, "noise", {{"snr_db", noise_snr.value_or(0)}});
    if (band_low && band_high && *band_low >= *band_high)
      throw Error("augment: --band-low must be below --band-high");
    add(band_low ? band_low : band_high, "band_limit",
        {{"low_hz", band_low.value_or(0)}, {"high_hz", band_high.value_or(0)}});  // 0: no filter
    add(gain, "gain", {{"gain_db", gain.value_or(0)}});
    return out;
  }
};

struct AugmentArgs {
  std::string in;
  std::string out;
  std::string png;
  std::string class_name;
  DataOptions data;
  int sample_rate = 22050;
  augment::AugmentSettings settings;
  ChosenTransforms chosen;
};

// The classes --class names or indexes: the dataset's (--data, else $ESC50_DIR), else ESC-50's.
std::vector<std::string> class_names_of(const AugmentArgs& a) {
  if (a.data.path.empty() && !data::esc50_dir_from_env()) return data::esc50_class_names();
  return load_dataset_or_env(a.data).class_names;
}

// A class index, or a class name.
int resolve_class(const AugmentArgs& a, const std::vector<std::string>& class_names) {
  if (a.class_name.empty()) return -1;
  if (a.class_name.find_first_not_of("0123456789") == std::string::npos) {
    const auto target = std::stoul(a.class_name.substr(0, 9));
    if (target >= class_names.size())
      throw Error("augment: --class index must be 0.." + std::to_string(class_names.size() - 1));
    return int(target);
  }
  for (size_t i = 0; i < class_names.size(); ++i)
    if (class_names[i] == a.class_name) return int(i);
  throw Error("augment: unknown class '" + a.class_name + "'");
}

augment::AugmentedClip run_policy_or_chain(const AugmentArgs& a, const audio::Waveform& wave,
                                           const std::vector<std::string>& class_names, int target) {
  const auto chain = a.chosen.chain();
  if (!chain.empty()) {
    if (a.settings.policy != "none")
      throw Error("augment: give either --policy or single transforms (--pitch, --gain, ...)");
    return augment::apply_chain(chain, wave.samples, wave.sample_rate, a.settings,
                                uint64_t(a.settings.seed));
  }
  const auto policy = augment::make_policy(a.settings, class_names);
  const bool class_aware = a.settings.policy == "acoustic" || a.settings.policy == "adaptive";
  if (target < 0 && class_aware)
    throw Error("augment: policy " + a.settings.policy + " needs --class NAME|INDEX");
  return policy->augment(wave.samples, wave.sample_rate, std::max(target, 0),
                         uint64_t(a.settings.seed));
}

void write_outputs(const AugmentArgs& a, const audio::Waveform& augmented) {
  float peak = 0;
  for (float v : augmented.samples) peak = std::max(peak, std::abs(v));
  if (peak > 1.0f)
    fmt::print(stderr, "warning: peak {:.2f} exceeds full scale; the 16-bit WAV clips it\n", peak);
  audio::write_wav(a.out, augmented);
  fmt::print("wrote {}\n", a.out);
  if (a.png.empty()) return;
  features::FeatureSettings fs;
  fs.sample_rate = augmented.sample_rate;
  const features::LogMelExtractor extractor(fs);
  write_file_atomic(a.png, features::spectrogram_png(extractor.compute(augmented.samples)));
  fmt::print("wrote {}\n", a.png);
}

void run(const AugmentArgs& a) {
  augment::validate(a.settings);
  // Without --class no policy needs a class list (class-aware ones refuse to run).
  const auto class_names = a.class_name.empty() ? data::esc50_class_names() : class_names_of(a);
  const int target = resolve_class(a, class_names);
  const auto wave = audio::load_clip(a.in, {a.sample_rate, 0.0});
  const auto result = run_policy_or_chain(a, wave, class_names, target);
  fmt::print("{}: {:.2f} s at {} Hz{}, seed {}\n", a.in, wave.duration_s(), wave.sample_rate,
             target >= 0 ? fmt::format(", class {}", target) : "", a.settings.seed);
  if (result.applied.empty()) fmt::print("applied: nothing (clean clip)\n");
  for (const auto& t : result.applied) fmt::print("applied: {}\n", t.to_string());
  write_outputs(a, {result.samples, wave.sample_rate});
}

void add_transform_options(CLI::App& cmd, ChosenTransforms& t) {
  const auto group = "Single transforms (applied in this order)";
  cmd.add_option("--stretch", t.stretch, "time-stretch rate (>1 faster), pitch kept")
      ->check(number_range(0.25, 4.0))->group(group);
  cmd.add_option("--pitch", t.pitch, "pitch shift in semitones, duration kept")
      ->check(number_range(-24.0, 24.0))->group(group);
  cmd.add_option("--shift", t.shift, "time shift in seconds (<0 earlier), zero fill")
      ->check(number_range(-600.0, 600.0))->group(group);
  cmd.add_option("--event", t.event, "keep only the loudest this many seconds (a short event), in silence")
      ->check(number_range(0.01, 600.0))->group(group);
  cmd.add_option("--event-position", t.event_position, "where the event goes: 0 = the start, 1 = the end")
      ->capture_default_str()->check(number_range(0.0, 1.0))->group(group);
  cmd.add_option("--reverb-rt60", t.reverb_rt60, "room reverb with this RT60 in seconds")
      ->check(number_range(0.01, 5.0))->group(group);
  cmd.add_option("--reverb-wet", t.reverb_wet, "reverb wet mix")
      ->capture_default_str()->check(number_range(0.0, 1.0))->group(group);
  cmd.add_option("--lowpass", t.lowpass, "'distance' Butterworth low-pass cut-off in Hz")
      ->check(number_range(10.0, 48000.0))->group(group);
  cmd.add_option("--lowpass-wet", t.lowpass_wet, "low-pass wet mix (1 = fully filtered)")
      ->capture_default_str()->check(number_range(0.0, 1.0))->group(group);
  cmd.add_option("--ambience-outdoor", t.ambience_outdoor,
                 "add a wind/traffic bed this many dB under the clip")->check(number_range(-60.0, 120.0))->group(group);
  cmd.add_option("--ambience-indoor", t.ambience_indoor,
                 "add mains hum + room tone this many dB under the clip")->check(number_range(-60.0, 120.0))->group(group);
  cmd.add_option("--noise-snr", t.noise_snr, "add white Gaussian noise at this SNR in dB")
      ->check(number_range(-60.0, 120.0))->group(group);
  cmd.add_option("--band-low", t.band_low, "band limit: high-pass corner in Hz (a small speaker, a phone line)")
      ->check(number_range(1.0, 48000.0))->group(group);
  cmd.add_option("--band-high", t.band_high, "band limit: low-pass corner in Hz")
      ->check(number_range(10.0, 48000.0))->group(group);
  cmd.add_option("--gain", t.gain, "gain in dB")->check(number_range(-60.0, 60.0))->group(group);
}

}  // namespace

void register_augment(CLI::App& root) {
  static AugmentArgs args;
  auto* cmd = root.add_subcommand(
      "augment",
      "Augment one clip with a policy (--policy P --class C) or with single transforms, "
      "printing what was applied");
  cmd->add_option("IN", args.in, "audio file")->required();
  cmd->add_option("--out", args.out, "augmented audio (16-bit WAV)")->required();
  cmd->add_option("--png", args.png, "also write the augmented clip's log-mel spectrogram");
  cmd->add_option("--class", args.class_name,
                  "the clip's class, a name or an index: of the classes of --data (else $ESC50_DIR, else ESC-50's)");
  cmd->add_option("--sample-rate", args.sample_rate, "rate the clip is resampled to")
      ->capture_default_str()->check(CLI::Range(8000, 96000));
  add_data_option(*cmd, args.data);
  add_param_options(*cmd, augment::augment_params(), args.settings);
  add_transform_options(*cmd, args.chosen);
  cmd->callback([] { run(args); });
}

}  // namespace esc50::cli
