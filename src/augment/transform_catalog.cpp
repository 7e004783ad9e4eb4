#include "augment/transform_catalog.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "common/csv.h"
#include "common/error.h"

namespace esc50::augment {
namespace {

double lerp(double a, double b, double t) { return a + (b - a) * t; }

double param(const AppliedTransform& t, const std::string& key) {
  for (const auto& [name, value] : t.params)
    if (name == key) return value;
  throw Error("transform " + t.name + " lacks parameter '" + key + "'");
}

Transform transform_of(const std::string& name) {
  const auto& names = transform_names();
  const auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) {
    std::string known;
    for (const auto& n : names) known += (known.empty() ? "" : ", ") + n;
    throw Error("unknown transform '" + name + "' (known: " + known + ")");
  }
  return Transform(it - names.begin());
}

}  // namespace

const std::vector<std::string>& transform_names() {
  static const std::vector<std::string> names = {
      "time_stretch",    "pitch_shift", "shift",      "event", "reverb", "distance", "ambience_outdoor",
      "ambience_indoor", "noise",       "band_limit", "gain"};
  return names;
}

const std::string& transform_name(Transform t) { return transform_names()[size_t(t)]; }

std::vector<Transform> parse_transforms(std::string_view list) {
  const auto problem = [&](const std::string& what) { return Error(fmt::format("\"{}\": {}", list, what)); };
  std::vector<Transform> out;
  for (const auto& name : split_list(list)) {
    if (name.empty()) throw problem("an empty transform name (a stray comma?)");
    Transform t{};
    try {
      t = transform_of(name);
    } catch (const Error& e) {
      throw problem(e.what());
    }
    if (std::find(out.begin(), out.end(), t) != out.end()) throw problem("transform '" + name + "' twice");
    out.push_back(t);
  }
  return out;
}

AppliedTransform draw_transform(Transform t, double strength, const AugmentSettings& s,
                                Rng& rng) {
  const double k = std::clamp(strength, 0.0, 1.0);
  AppliedTransform out{transform_name(t), {}};
  switch (t) {
    case Transform::time_stretch:
      out.params = {{"rate", rng.uniform(lerp(1.0, s.stretch_min, k), lerp(1.0, s.stretch_max, k))}};
      break;
    case Transform::pitch_shift:
      out.params = {{"semitones", rng.uniform(-k, k) * s.pitch_semitones}};
      break;
    case Transform::shift:
      out.params = {{"seconds", rng.uniform(-k, k) * s.shift_max_s}};
      break;
    case Transform::event:  // shorter events at higher strength; at strength 0 the whole clip
      out.params = {{"seconds", rng.uniform(s.event_min_s, s.event_max_s) / std::max(k, 1e-3)},
                    {"position", rng.uniform()}};
      break;
    case Transform::reverb:
      out.params = {{"rt60_s", rng.uniform(s.reverb_rt60_min_s,
                                           lerp(s.reverb_rt60_min_s, s.reverb_rt60_max_s, k))},
                    {"wet", k * s.reverb_wet_max * rng.uniform(0.5, 1.0)}};
      break;
    case Transform::distance:
      out.params = {{"cutoff_hz", rng.uniform(lerp(s.lowpass_max_hz, s.lowpass_min_hz, k),
                                              s.lowpass_max_hz)},
                    {"wet", rng.uniform(0.5, 1.0)}};
      break;
    case Transform::ambience_outdoor:
    case Transform::ambience_indoor:
      out.params = {{"snr_db", rng.uniform(lerp(s.ambience_snr_max_db, s.ambience_snr_min_db, k),
                                           s.ambience_snr_max_db)}};
      break;
    case Transform::noise:
      out.params = {{"snr_db", rng.uniform(lerp(s.noise_snr_max_db, s.noise_snr_min_db, k),
                                           s.noise_snr_max_db)}};
      break;
    case Transform::band_limit:
      // Both corners leave the band as the strength falls: at strength 0 nothing is filtered.
      out.params = {{"low_hz", k * rng.uniform(s.band_low_min_hz, s.band_low_max_hz)},
                    {"high_hz", rng.uniform(s.band_high_min_hz, s.band_high_max_hz) / std::max(k, 1e-3)}};
      break;
    case Transform::gain:
      out.params = {{"gain_db", rng.uniform(-k, k) * s.gain_db}};
      break;
  }
  return out;
}

Samples apply_transform(const AppliedTransform& t, std::span<const float> x, int sample_rate,
                        const AugmentSettings& s, uint64_t seed) {
  const auto engine = parse_engine(s.rubberband_engine);
  switch (transform_of(t.name)) {
    case Transform::time_stretch:
      return time_stretch(x, sample_rate, param(t, "rate"), engine);
    case Transform::pitch_shift:
      return pitch_shift(x, sample_rate, param(t, "semitones"), engine);
    case Transform::shift:
      return time_shift(x, sample_rate, param(t, "seconds"));
    case Transform::event:
      return isolate_event(x, sample_rate, param(t, "seconds"), param(t, "position"));
    case Transform::reverb:
      return reverb(x, sample_rate, param(t, "rt60_s"), param(t, "wet"), seed);
    case Transform::distance:
      return distance(x, sample_rate, param(t, "cutoff_hz"), param(t, "wet"));
    case Transform::ambience_outdoor:
      return ambience_outdoor(x, sample_rate, param(t, "snr_db"), seed);
    case Transform::ambience_indoor:
      return ambience_indoor(x, sample_rate, param(t, "snr_db"), s.hum_hz, seed);
    case Transform::noise:
      return add_noise(x, param(t, "snr_db"), seed);
    case Transform::band_limit:
      return band_limit(x, sample_rate, param(t, "low_hz"), param(t, "high_hz"));
    case Transform::gain:
      return apply_gain(x, param(t, "gain_db"));
  }
  throw Error("unhandled transform " + t.name);
}

AugmentedClip apply_chain(const std::vector<AppliedTransform>& chain, std::span<const float> x,
                          int sample_rate, const AugmentSettings& settings, uint64_t seed) {
  std::vector<AppliedTransform> ordered = chain;
  std::stable_sort(ordered.begin(), ordered.end(), [](const auto& a, const auto& b) {
    return transform_of(a.name) < transform_of(b.name);
  });
  AugmentedClip out{Samples(x.begin(), x.end()), ordered};
  for (size_t i = 0; i < ordered.size(); ++i)
    out.samples = apply_transform(ordered[i], out.samples, sample_rate, settings,
                                  mix_seed(seed, i, 0x7a11));
  return out;
}

}  // namespace esc50::augment
