// Feature extraction throughput: decode + resample + log-mel of 5 s 44.1 kHz clips.
// Ogg decoding alone costs ~5 ms a clip, so the main figure uses WAV copies made here; the
// Ogg figure is printed beside it. Usage: bench_features [--data DIR] [--clips N] [--repeats R]
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>

#include <CLI/CLI.hpp>

#include "audio/audio.h"
#include "common/parallel.h"
#include "data/esc50_meta.h"
#include "features/logmel.h"

using namespace esc50;

namespace {

// Reference figure from DEVELOPERS.md: Python librosa/torchaudio pipeline, 1 thread, this machine.
constexpr double kPythonClipsPerSecond = 60.0;

double median_clips_per_second(size_t clips, int repeats, const std::function<void()>& run) {
  std::vector<double> rates;
  for (int r = 0; r < repeats; ++r) {
    auto start = std::chrono::steady_clock::now();
    run();
    double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    rates.push_back(double(clips) / s);
  }
  std::sort(rates.begin(), rates.end());
  return rates[rates.size() / 2];
}

std::vector<std::filesystem::path> pick_44k_clips(const data::Esc50Dataset& ds, size_t count) {
  std::vector<std::filesystem::path> picked;
  for (const auto& clip : ds.clips) {
    if (picked.size() == count) break;
    if (audio::probe(clip.path).sample_rate == 44100) picked.push_back(clip.path);
  }
  return picked;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Feature extraction benchmark"};
  std::string data_dir;
  size_t clip_count = 100;
  int repeats = 5;
  app.add_option("--data", data_dir, "ESC-50 root (default $ESC50_DIR)");
  app.add_option("--clips", clip_count, "clips per measurement")->capture_default_str();
  app.add_option("--repeats", repeats, "measurements; the median is reported")->capture_default_str();
  CLI11_PARSE(app, argc, argv);
  auto root = data_dir.empty() ? data::esc50_dir_from_env() : std::optional(std::filesystem::path(data_dir));
  if (!root) {
    fmt::print(stderr, "set ESC50_DIR or pass --data\n");
    return 1;
  }
  auto ogg = pick_44k_clips(data::load_esc50(*root), clip_count);
  auto wav_dir = std::filesystem::temp_directory_path() / "esc50-bench-wav";
  std::filesystem::create_directories(wav_dir);
  std::vector<std::filesystem::path> wav;
  for (const auto& f : ogg) {
    wav.push_back(wav_dir / (f.stem().string() + ".wav"));
    audio::write_wav(wav.back(), audio::decode_mono(f));
  }

  features::LogMelExtractor extractor(features::FeatureSettings{});
  auto pipeline = [&](const std::vector<std::filesystem::path>& files, int threads) {
    return [&, threads] {
      parallel_for(files.size(), threads, [&](size_t i) { features::extract_clip(files[i], extractor); });
    };
  };
  auto decode_only = [&] {
    for (const auto& f : wav) audio::decode_mono(f);
  };
  const int all = hardware_threads();
  double wav1 = median_clips_per_second(wav.size(), repeats, pipeline(wav, 1));
  double wav_all = median_clips_per_second(wav.size(), repeats, pipeline(wav, all));
  double ogg1 = median_clips_per_second(ogg.size(), repeats, pipeline(ogg, 1));
  double ogg_all = median_clips_per_second(ogg.size(), repeats, pipeline(ogg, all));
  double decode1 = median_clips_per_second(wav.size(), repeats, decode_only);

  fmt::print("decode + resample 44.1->22.05 kHz + log-mel (128 x 216), {} clips, median of {}\n",
             wav.size(), repeats);
  fmt::print("  WAV, 1 thread:       {:8.1f} clips/s  ({:.1f}x the Python reference {:.0f} clips/s)\n",
             wav1, wav1 / kPythonClipsPerSecond, kPythonClipsPerSecond);
  fmt::print("  WAV, {} threads:      {:8.1f} clips/s  ({:.2f}x 1 thread)\n", all, wav_all, wav_all / wav1);
  fmt::print("  Ogg, 1 thread:       {:8.1f} clips/s  ({:.2f}x WAV)\n", ogg1, ogg1 / wav1);
  fmt::print("  Ogg, {} threads:      {:8.1f} clips/s\n", all, ogg_all);
  fmt::print("  WAV decode only, 1 thread: {:8.1f} clips/s (share of pipeline time {:.0f} %)\n", decode1,
             100.0 * wav1 / decode1);
  std::filesystem::remove_all(wav_dir);
  return 0;
}
