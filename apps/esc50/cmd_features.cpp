#include <fmt/format.h>

#include "apps/esc50/commands.h"
#include "apps/esc50/augment_option.h"
#include "apps/esc50/data_option.h"
#include "augment/augment_cache.h"
#include "common/atomic_file.h"
#include "common/param_table_cli.h"
#include "data/feature_cache.h"
#include "features/logmel.h"
#include "train/train_settings.h"

namespace esc50::cli {
namespace {

struct FeaturesArgs {
  std::string clip;
  std::string out;
  std::string png;
  DataOptions data;
  std::string cache;
  int threads = 0;
  bool quiet = false;
  features::FeatureSettings settings;
  AugmentOptions augment;
};

void run_clip(const FeaturesArgs& a) {
  if (a.out.empty() && a.png.empty()) throw Error("features: give --out FILE.npy and/or --png FILE.png");
  features::LogMelExtractor extractor(a.settings);
  auto spec = features::extract_clip(a.clip, extractor);
  fmt::print("{}: log-mel {} mels x {} frames\n", a.clip, spec.n_mels, spec.n_frames);
  if (!a.out.empty()) {
    features::write_spectrogram_npy(a.out, spec);
    fmt::print("wrote {}\n", a.out);
  }
  if (!a.png.empty()) {
    write_file_atomic(a.png, features::spectrogram_png(spec));
    fmt::print("wrote {}\n", a.png);
  }
}

// K augmented variants per clip under the policy's cache tag (see augment/augment_cache.h).
void render_augment_cache(const data::Dataset& dataset, const data::FeatureCache& cache,
                          const features::LogMelExtractor& extractor,
                          const augment::AugmentSettings& aug, const FeaturesArgs& a) {
  const auto policy = augment::make_policy(aug, dataset.class_names);
  auto stats = augment::build_augment_cache(dataset, cache, extractor, *policy, aug, a.threads, !a.quiet);
  fmt::print("{} x {} {} variants: {} rendered, {} reused in {:.1f} s -> tag {}\n",
             dataset.clips.size(), aug.cache_variants, aug.policy, stats.rendered, stats.reused,
             stats.seconds, augment::cache_tag(aug));
}

void run_dataset(const FeaturesArgs& a) {
  if (a.cache.empty()) throw Error("features: --data needs --cache DIR");
  const auto aug = a.augment.resolve();
  if ((aug.policy == "none") != (aug.cache_variants == 0))
    throw Error("features: --augment POLICY and --augment-cache K (> 0) go together");
  auto dataset = load_dataset_or_env(a.data);
  features::LogMelExtractor extractor(a.settings);  // rejects bad settings before any work
  data::FeatureCache cache(a.cache, a.settings);
  auto stats = data::build_feature_cache(dataset, cache, a.threads, !a.quiet);
  fmt::print("{} clips: {} computed, {} reused in {:.1f} s -> {}\n", dataset.clips.size(),
             stats.computed, stats.reused, stats.seconds, cache.dir().string());
  if (aug.cache_variants > 0) render_augment_cache(dataset, cache, extractor, aug, a);
}

}  // namespace

void register_features(CLI::App& root) {
  static FeaturesArgs args;
  // The training defaults, so that a cache rendered ahead of time is the one training reads.
  args.settings = train::default_training_features();
  auto* cmd = root.add_subcommand(
      "features",
      "Compute log-mel spectrograms: of one clip (--out/--png) or of the whole dataset into a cache");
  cmd->add_option("CLIP", args.clip, "audio file to analyse");
  cmd->add_option("--out", args.out, "write the spectrogram as a NumPy .npy file [n_mels][frames]");
  cmd->add_option("--png", args.png, "write a colour-mapped picture (low frequencies at the bottom)");
  add_data_option(*cmd, args.data);
  cmd->add_option("--cache", args.cache, "feature cache directory (one subfolder per feature settings)");
  cmd->add_option("--threads", args.threads, "worker threads for --data (0 = all cores)")
      ->capture_default_str()
      ->check(CLI::Range(0, 256));
  cmd->add_flag("--quiet", args.quiet, "no progress bar");
  add_param_options(*cmd, features::feature_params(), args.settings);
  add_augment_options(*cmd, args.augment);
  cmd->callback([] {
    if (!args.clip.empty() && (!args.data.path.empty() || !args.cache.empty()))
      throw Error("features: give either CLIP or --data/--cache, not both");
    if (!args.clip.empty())
      run_clip(args);
    else
      run_dataset(args);
  });
}

}  // namespace esc50::cli
