// Latency of `esc50 classify` on one 5 s clip with one thread: decode + resample + log-mel +
// model, as a user waits for it. The clip is a 44.1 kHz ESC-50 example, measured as the Ogg
// file it ships as and as a WAV copy (Ogg decoding alone costs several ms). Prints medians,
// the share of each step, page faults per clip in steady state, and the ratios to the same
// classification in PyTorch-Python (bench/python/reference.py), in fp32 and in bf16.
// Then as a user runs it: a fresh `esc50 classify` process on a folder of --folder-clips
// WAV copies, wall time per clip, and the same minus the cost of a process on one clip.
// Usage: bench_classify [--model FILE] [--clip FILE] [--repeats N] [--folder-clips N]
//                       [--precisions fp32,bf16] [--glibc-malloc]
#include <fmt/format.h>

#include <chrono>
#include <filesystem>
#include <functional>

#include <CLI/CLI.hpp>

#include "audio/audio.h"
#include "common/atomic_file.h"
#include "engine/classifier.h"
#include "model/cpu_features.h"
#include "inference/resources.h"
#include "inference/sound_classifier.h"
#include "allocator_flag.h"
#include "python_reference.h"
#include "timing.h"

using namespace esc50;

namespace {

double seconds_of(const std::function<void()>& run) {
  const auto start = std::chrono::steady_clock::now();
  run();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// Median wall seconds of a fresh `esc50 classify` process over `folder`, one thread.
double cli_seconds(const std::filesystem::path& model, const std::filesystem::path& folder,
                   const std::string& precision, int repeats) {
  const auto command = fmt::format("{} classify {} --model {} --precision {} --threads 1 --quiet > /dev/null",
                                   ESC50_CLI, folder.string(), model.string(), precision);
  std::vector<double> seconds;
  for (int r = 0; r < repeats; ++r)
    seconds.push_back(seconds_of([&] {
      if (std::system(command.c_str()) != 0) throw std::runtime_error("failed: " + command);
    }));
  return bench::median(seconds);
}

double median_ms(int repeats, const std::function<void()>& run) {
  run();  // warm-up: first-call allocations, lazy initialisation in the model
  std::vector<double> ms;
  for (int r = 0; r < repeats; ++r) {
    const auto start = std::chrono::steady_clock::now();
    run();
    ms.push_back(std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count());
  }
  return bench::median(std::move(ms));
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Classification latency benchmark"};
  std::string model_file, clip = std::string(ESC50_SOURCE_DIR) + "/examples/1-100032-A-0.ogg";
  int repeats = 50;
  int folder_clips = 200;
  std::vector<std::string> precisions = {"fp32", "bf16"};
  bench::AllocatorFlag allocator;
  app.add_option("--model", model_file, "model file (default: the shipped default model)");
  app.add_option("--clip", clip, "5 s clip")->capture_default_str();
  app.add_option("--repeats", repeats, "measurements; the median is reported")->capture_default_str();
  app.add_option("--folder-clips", folder_clips, "clips in the folder a fresh process classifies")->capture_default_str();
  allocator.add_to(app);
  app.add_option("--precisions", precisions, "inference precisions to measure (bf16 is slower than fp32 on Intel CPUs without AMX)")
      ->delimiter(',')
      ->check(CLI::IsMember({"fp32", "bf16"}));
  CLI11_PARSE(app, argc, argv);
  allocator.apply();
  try {
    const auto model_path = model_file.empty() ? inference::default_model_path() : std::filesystem::path(model_file);
    const auto wav = std::filesystem::temp_directory_path() / "esc50-bench-classify.wav";
    audio::write_wav(wav, audio::decode_mono(clip));
    const auto decoded = audio::decode_mono(wav);
    std::string precision_list;
    for (const auto& p : precisions) precision_list += (precision_list.empty() ? "" : ",") + p;
    const auto python = bench::python_reference(
        fmt::format("classify {} --repeats {} --precisions {}", wav.string(), repeats, precision_list));
    double fp32_total = 0;
    for (const std::string& precision : precisions) {
      const auto model = engine::Classifier::load(model_path, 1, precision);
      const int rate = model.extractor().settings().sample_rate;
      const auto prepared = audio::prepare_clip(decoded, {.sample_rate = rate, .duration_s = 0});
      const auto spec = model.extractor().compute(prepared.samples);

      const double ogg_total = median_ms(repeats, [&] { inference::classify_waveform(model, audio::decode_mono(clip)); });
      const double wav_total = median_ms(repeats, [&] { inference::classify_waveform(model, audio::decode_mono(wav)); });
      const double decode = median_ms(repeats, [&] { audio::decode_mono(wav); });
      const double resample = median_ms(repeats, [&] { audio::prepare_clip(decoded, {.sample_rate = rate, .duration_s = 0}); });
      const double logmel = median_ms(repeats, [&] { model.extractor().compute(prepared.samples); });
      const double predict = median_ms(repeats, [&] { model.predict({spec}); });
      const auto faults_before = bench::minor_page_faults();
      for (int r = 0; r < repeats; ++r) inference::classify_waveform(model, audio::decode_mono(wav));
      const double faults = double(bench::minor_page_faults() - faults_before) / repeats;
      if (precision == "fp32") fp32_total = wav_total;

      fmt::print("classify one {:.2f} s clip ({} Hz), model {} ({} parameters) in {}, 1 thread, median of {}\n",
                 decoded.duration_s(), decoded.sample_rate, model.info().architecture,
                 model.info().parameter_count, precision, repeats);
      std::string vs_python = "no Python reference";
      if (python) {
        const double py = 1000 * (*python)["seconds_per_clip"][precision].get<double>();
        vs_python = fmt::format("{:.1f}x faster than PyTorch-Python's {:.2f} ms", py / wav_total, py);
      }
      const auto vs_fp32 = precision == "bf16" && fp32_total > 0
                               ? fmt::format("{:.2f}x faster than fp32; ", fp32_total / wav_total)
                               : std::string();
      fmt::print("  WAV total: {:7.2f} ms  ({}{})\n", wav_total, vs_fp32, vs_python);
      fmt::print("  Ogg total: {:7.2f} ms\n", ogg_total);
      fmt::print("  steps (WAV): decode {:.2f} ms, resample {:.2f} ms, log-mel {:.2f} ms, model {:.2f} ms\n",
                 decode, resample, logmel, predict);
      fmt::print("  minor page faults per clip in steady state: {:.1f}\n", faults);
    }
    // As a user runs it: one process, a folder of clips.
    const auto folder = std::filesystem::temp_directory_path() / "esc50-bench-classify";
    const auto single = std::filesystem::temp_directory_path() / "esc50-bench-classify-one";
    for (const auto& dir : {folder, single}) std::filesystem::create_directories(dir);
    for (int i = 0; i < folder_clips; ++i)
      std::filesystem::copy_file(wav, folder / fmt::format("clip{:04d}.wav", i),
                                 std::filesystem::copy_options::overwrite_existing);
    std::filesystem::copy_file(wav, single / "clip.wav", std::filesystem::copy_options::overwrite_existing);
    for (const std::string& precision : precisions) {
      const double all = cli_seconds(model_path, folder, precision, 3);
      const double one = cli_seconds(model_path, single, precision, 3);
      fmt::print("esc50 classify, fresh process, 1 thread, {}: {} clips in {:.2f} s = {:.2f} ms per clip; "
                 "{:.2f} ms per clip beyond a 1-clip run ({:.2f} s)\n",
                 precision, folder_clips, all, 1000 * all / folder_clips, 1000 * (all - one) / (folder_clips - 1), one);
    }
    std::filesystem::remove_all(folder);
    std::filesystem::remove_all(single);
    fmt::print("(esc50 classify and serve use bf16 on this CPU: {})\n",
               model::cpu_prefers_bf16_inference() ? "yes" : "no");
    std::filesystem::remove(wav);
  } catch (const std::exception& e) {
    fmt::print(stderr, "bench_classify: {}\n", e.what());
    return 1;
  }
  return 0;
}
