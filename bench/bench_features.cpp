// Feature extraction throughput: decode + resample + log-mel of 5 s 44.1 kHz clips.
// Ogg decoding alone costs ~5 ms a clip, so the main figure uses WAV copies made here; the
// Ogg figure is printed beside it. The Python reference (bench/python/reference.py) runs on
// the same WAV copies in the same run, and page faults per clip show the allocation policy.
// Usage: bench_features [--data DIR] [--clips N] [--repeats R] [--glibc-malloc]
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
#include "bench_args.h"
#include "python_reference.h"
#include "timing.h"

using namespace esc50;
using esc50::bench::median_rate;
using esc50::bench::Rate;

namespace {

std::vector<std::filesystem::path> pick_44k_clips(const data::Dataset& ds, size_t count) {
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
  bench::BenchArgs args;
  args.add_to(app);
  CLI11_PARSE(app, argc, argv);
  args.allocator.apply();
  const auto root = args.dataset_root();
  if (!root) return 1;
  const int repeats = args.repeats;
  auto ogg = pick_44k_clips(data::load_esc50(*root), args.clips);
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
  const auto faults_before = bench::minor_page_faults();
  auto wav1 = median_rate(wav.size(), repeats, pipeline(wav, 1));
  const double faults_per_clip = double(bench::minor_page_faults() - faults_before) / double(wav.size() * repeats);
  auto wav_all = median_rate(wav.size(), repeats, pipeline(wav, all));
  auto ogg1 = median_rate(ogg.size(), repeats, pipeline(ogg, 1));
  auto ogg_all = median_rate(ogg.size(), repeats, pipeline(ogg, all));
  auto decode1 = median_rate(wav.size(), repeats, decode_only);
  std::string files;
  for (const auto& f : wav) files += " " + f.string();
  const auto python = bench::python_reference(fmt::format("features --repeats {}{}", repeats, files));

  fmt::print("decode + resample 44.1->22.05 kHz + log-mel (128 x 216), {} clips, median of {}, allocator: {}, "
             "FFT plan: {}\n",
             wav.size(), repeats, args.allocator.name(),
             extractor.fft_plan_from_wisdom() ? "esc50's FFTW wisdom" : "FFTW_ESTIMATE (the wisdom was rejected here)");
  fmt::print("{:28} {:>10} {:>14}\n", "", "clips/s", "clips/CPU-s");
  auto row = [](const std::string& name, Rate r, const std::string& note) {
    fmt::print("{:28} {:10.1f} {:14.1f}  {}\n", name, r.clips_per_second, r.clips_per_cpu_second, note);
  };
  std::string vs_python = "no Python reference";
  if (python) {
    const double py = (*python)["clips_per_second"].get<double>();
    vs_python = fmt::format("{:.1f}x the Python reference's {:.1f} clips/s (same WAV files, 1 thread, this run)",
                            wav1.clips_per_second / py, py);
    row("Python reference, 1 thread", {py, 0}, fmt::format("torch {}, torchaudio {}, glibc malloc defaults",
                                                           (*python)["torch"].get<std::string>(),
                                                           (*python)["torchaudio"].get<std::string>()));
  }
  row("WAV, 1 thread", wav1, vs_python);
  row(fmt::format("WAV, {} threads", all), wav_all,
      fmt::format("{:.2f}x 1 thread (wall)", wav_all.clips_per_second / wav1.clips_per_second));
  row("Ogg, 1 thread", ogg1, fmt::format("{:.2f}x WAV (CPU)", ogg1.clips_per_cpu_second / wav1.clips_per_cpu_second));
  row(fmt::format("Ogg, {} threads", all), ogg_all, "");
  row("WAV decode only, 1 thread", decode1,
      fmt::format("decoding is {:.0f} % of the WAV pipeline (CPU)", 100.0 * wav1.clips_per_cpu_second / decode1.clips_per_cpu_second));
  fmt::print("minor page faults per clip (WAV, 1 thread): {:.1f}\n", faults_per_clip);
  std::filesystem::remove_all(wav_dir);
  return 0;
}
