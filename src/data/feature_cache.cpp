#include "data/feature_cache.h"

#include <chrono>
#include <fmt/format.h>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/npy.h"
#include "common/parallel.h"
#include "common/progress.h"

namespace esc50::data {

FeatureCache::FeatureCache(const std::filesystem::path& dir, const features::FeatureSettings& settings)
    : settings_(settings), dir_(dir / features::settings_key(settings)) {
  std::filesystem::create_directories(dir_);
  // The settings beside the entries make a cache directory self-explanatory.
  auto settings_file = dir_ / "settings.json";
  if (!std::filesystem::exists(settings_file))
    write_file_atomic(settings_file, features::feature_params().to_json(settings).dump(2));
}

std::filesystem::path FeatureCache::entry_path(const std::string& stem, const std::string& tag,
                                               int variant) const {
  if (tag.empty() && variant == 0) return dir_ / (stem + ".npy");
  return dir_ / fmt::format("{}.{}{}.npy", stem, tag.empty() ? "aug" : tag, variant);
}

std::optional<features::Spectrogram> FeatureCache::load(const std::string& stem,
                                                        const std::string& tag, int variant) const {
  auto path = entry_path(stem, tag, variant);
  if (!std::filesystem::exists(path)) return std::nullopt;
  try {
    return features::read_spectrogram_npy(path);
  } catch (const Error&) {
    std::error_code ignored;
    std::filesystem::remove(path, ignored);  // corrupt entry: recompute rather than trust it
    return std::nullopt;
  }
}

void FeatureCache::store(const std::string& stem, const features::Spectrogram& spec, const std::string& tag,
                         int variant, const std::filesystem::path& source) const {
  const auto entry = entry_path(stem, tag, variant);
  const auto bytes = encode_npy(spec.values, {spec.n_mels, spec.n_frames});  // as read_spectrogram_npy reads it
  std::error_code ec;
  const auto changed = source.empty() ? std::filesystem::file_time_type{} : std::filesystem::last_write_time(source, ec);
  if (source.empty() || ec)
    write_file_atomic(entry, bytes);  // has_current renders it again
  else
    write_file_atomic(entry, bytes, changed);
}

bool FeatureCache::has_current(const std::string& stem, const std::filesystem::path& source,
                               const std::string& tag, int variant) const {
  std::error_code ec;
  const auto stored = std::filesystem::last_write_time(entry_path(stem, tag, variant), ec);
  if (ec) return false;
  const auto changed = std::filesystem::last_write_time(source, ec);
  return !ec && stored - changed <= std::chrono::seconds(2) && changed - stored <= std::chrono::seconds(2);
}

size_t FeatureCache::remove_partial_entries() const {
  size_t removed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    std::error_code ec;
    if (is_abandoned_temporary(entry.path()) && std::filesystem::remove(entry.path(), ec)) ++removed;
  }
  return removed;
}

CacheBuildStats build_feature_cache(const Dataset& dataset, const FeatureCache& cache,
                                    int threads, bool show_progress) {
  auto start = std::chrono::steady_clock::now();
  cache.remove_partial_entries();
  std::vector<const Clip*> todo;
  CacheBuildStats stats;
  for (const auto& clip : dataset.clips) {
    if (cache.has_current(clip.stem(), clip.path))
      ++stats.reused;
    else
      todo.push_back(&clip);
  }
  if (!todo.empty()) {
    features::LogMelExtractor extractor(cache.settings());
    ProgressBar progress("features", todo.size(), show_progress);
    parallel_for(todo.size(), threads, [&](size_t i) {
      cache.store(todo[i]->stem(), features::extract_clip(todo[i]->path, extractor), {}, 0, todo[i]->path);
      progress.advance();
    });
    progress.finish();
    stats.computed = todo.size();
  }
  stats.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return stats;
}

}  // namespace esc50::data
