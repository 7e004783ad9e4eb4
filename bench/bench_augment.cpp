// Augmentation throughput on real 5 s ESC-50 clips at 22.05 kHz (decoded beforehand): every
// transform and policy, against log-mel extraction and a feature-cache read of the same clips
// measured in the same run. Ratios use clips per CPU-second, which a machine shared with
// other jobs distorts far less than wall time.
// Usage: bench_augment [--data DIR] [--clips N] [--repeats R] [--glibc-malloc]
#include <fmt/format.h>

#include "audio/audio.h"
#include "augment/policy.h"
#include "data/esc50_meta.h"
#include "augment/transform_catalog.h"
#include "bench_args.h"
#include "common/parallel.h"
#include "data/feature_cache.h"
#include "features/logmel.h"
#include "timing.h"

using namespace esc50;
using bench::median_rate;
using bench::Rate;

namespace {

// DEVELOPERS.md: 4-block CNN, batch 32, 2 threads, bf16: 0.29 s/step = ~110 samples/s.
constexpr double kTrainingSamplesPerSecond = 32 / 0.29;

std::vector<data::Clip> spread_clips(const data::Dataset& dataset, size_t count) {
  std::vector<data::Clip> picked;  // every 41st clip: all classes and category groups
  for (size_t i = 0; i < dataset.clips.size() && picked.size() < count; i += 41)
    picked.push_back(dataset.clips[i]);
  return picked;
}

void print_header() { fmt::print("  {:<40} {:>9} {:>12} {:>10}\n", "", "clips/s", "clips/CPU-s", "vs log-mel"); }

void print_rate(const std::string& what, Rate rate, Rate baseline) {
  fmt::print("  {:<40} {:9.1f} {:12.1f} {:9.3f}x\n", what, rate.clips_per_second,
             rate.clips_per_cpu_second, rate.clips_per_cpu_second / baseline.clips_per_cpu_second);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Augmentation benchmark"};
  bench::BenchArgs args;
  args.clips = 24;
  args.add_to(app);
  CLI11_PARSE(app, argc, argv);
  args.allocator.apply();
  const auto root = args.dataset_root();
  if (!root) return 1;
  const auto picked = spread_clips(data::load_esc50(*root), args.clips);
  std::vector<audio::Waveform> clips;
  for (const auto& c : picked) clips.push_back(audio::load_clip(c.path, {22050, 5.0}));
  const size_t n = clips.size();
  const int repeats = args.repeats;
  const features::LogMelExtractor extractor(features::FeatureSettings{});
  const auto on_clips = [&](int threads, const std::function<void(size_t)>& body) {
    return [&, threads, body] { parallel_for(n, threads, body); };
  };

  const Rate logmel = median_rate(n, repeats, on_clips(1, [&](size_t i) { extractor.compute(clips[i].samples); }));
  const auto cache_dir = std::filesystem::temp_directory_path() / "esc50-bench-augment";
  const data::FeatureCache cache(cache_dir, extractor.settings());
  for (size_t i = 0; i < n; ++i) cache.store(picked[i].stem(), extractor.compute(clips[i].samples));
  const Rate cache_read = median_rate(n, repeats, on_clips(1, [&](size_t i) { cache.load(picked[i].stem()); }));
  std::filesystem::remove_all(cache_dir);

  fmt::print("{} clips of 5 s at 22050 Hz, 1 thread unless noted, median of {}, allocator: {}\n", n, repeats,
             args.allocator.name());
  print_header();
  print_rate("baseline: log-mel (128 x 216)", logmel, logmel);
  print_rate("feature-cache read (.npy)", cache_read, logmel);

  fmt::print("transforms at strength 1:\n");
  augment::AugmentSettings settings;
  const std::string default_engine = settings.rubberband_engine;
  for (const auto engine : {"finer-short", "faster", "finer"}) {
    settings.rubberband_engine = engine;
    for (size_t t = 0; t < augment::transform_names().size(); ++t) {
      const auto kind = augment::Transform(t);
      const bool rubberband = kind == augment::Transform::time_stretch || kind == augment::Transform::pitch_shift;
      if (!rubberband && settings.rubberband_engine != default_engine) continue;
      const Rate rate = median_rate(n, repeats, on_clips(1, [&](size_t i) {
        esc50::Rng rng(i);
        const auto applied = augment::draw_transform(kind, 1.0, settings, rng);
        augment::apply_transform(applied, clips[i].samples, 22050, settings, i);
      }));
      print_rate(augment::transform_names()[t] + (rubberband ? fmt::format(" ({})", engine) : ""), rate, logmel);
    }
  }

  const int all = hardware_threads();
  fmt::print("policies, every clip augmented (+ log-mel = rendering a cache variant):\n");
  settings.rubberband_engine = default_engine;
  for (const auto& name : augment::policy_names()) {
    settings.policy = name;
    const auto policy = augment::make_policy(settings, esc50::data::esc50_class_names());
    const auto augment_one = [&](size_t i) {
      return policy->augment(clips[i].samples, 22050, picked[i].target, i);
    };
    print_rate(name, median_rate(n, repeats, on_clips(1, augment_one)), logmel);
    print_rate(fmt::format("{} + log-mel, {} threads", name, all),
               median_rate(n, repeats, on_clips(all, [&](size_t i) { extractor.compute(augment_one(i).samples); })),
               logmel);
  }
  fmt::print("training consumes ~{:.0f} samples/s (bf16 4-block CNN, DEVELOPERS.md)\n", kTrainingSamplesPerSecond);
  return 0;
}
