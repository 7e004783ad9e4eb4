#pragma once
// On-disk log-mel cache, one .npy per clip under <dir>/<settings-key>/. Entries are written
// atomically, so a crash leaves at most a temporary file, which is deleted and recomputed.
#include <filesystem>
#include <functional>
#include <optional>
#include <string>

#include "data/esc50_meta.h"
#include "features/logmel.h"

namespace esc50::data {

class FeatureCache {
 public:
  FeatureCache(const std::filesystem::path& dir, const features::FeatureSettings& settings);

  const std::filesystem::path& dir() const { return dir_; }  // includes the settings key
  const features::FeatureSettings& settings() const { return settings_; }
  // `variant` 0 is the clean clip; augmented renderings use 1..K under a tag
  // (augment::cache_tag: the policy and a hash of its settings).
  std::filesystem::path entry_path(const std::string& stem, const std::string& tag = {},
                                   int variant = 0) const;
  // nullopt when the entry is absent or unreadable (an unreadable entry is deleted).
  std::optional<features::Spectrogram> load(const std::string& stem, const std::string& tag = {},
                                            int variant = 0) const;
  // The entry takes `source`'s modification time (when given), which has_current compares.
  void store(const std::string& stem, const features::Spectrogram& spec, const std::string& tag = {},
             int variant = 0, const std::filesystem::path& source = {}) const;
  // True when the entry exists and was stored from `source` as it is now (its modification time,
  // within 2 s for coarse file systems): an audio file edited or replaced since, or another
  // dataset's clip of the same name, is rendered again.
  bool has_current(const std::string& stem, const std::filesystem::path& source, const std::string& tag = {},
                   int variant = 0) const;
  // Deletes temporaries left by an interrupted writer; returns how many.
  size_t remove_partial_entries() const;

 private:
  features::FeatureSettings settings_;
  std::filesystem::path dir_;
};

struct CacheBuildStats {
  size_t computed = 0;
  size_t reused = 0;
  double seconds = 0;
};

// Computes every missing entry on `threads` workers (0 = all cores), with a progress bar.
CacheBuildStats build_feature_cache(const Dataset& dataset, const FeatureCache& cache,
                                    int threads, bool show_progress);

}  // namespace esc50::data
