// The engine against LibTorch's probabilities exported by `engine_parity --export DIR`, with
// no LibTorch here: for CPUs where LibTorch is not installed, such as a machine with native
// bf16 that checks the engine's bf16 path. Exits 1 when a top-1 differs or a probability
// differs by more than --tolerance, 2 on bad input.
//   engine_check --model models/default.esc50 --dir DIR --precision bf16 --tolerance 0.1
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <sstream>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/npy.h"
#include "engine/classifier.h"
#include "parity_tally.h"

namespace {

using namespace esc50;

struct Args {
  std::string model = "models/default.esc50", dir, precision = "fp32", against;
  double tolerance = 1e-3;
};

std::vector<std::string> clip_names(const std::filesystem::path& file, size_t n) {
  std::istringstream in(read_file(file));
  std::vector<std::string> names;
  for (std::string line; std::getline(in, line);) names.push_back(line);
  if (names.size() != n) throw Error(fmt::format("{}: {} names for {} windows", file.string(), names.size(), n));
  return names;
}

int run(const Args& a) {
  const std::filesystem::path dir = a.dir;
  const auto windows = read_npy(dir / "windows.npy");
  const auto reference = read_npy(dir / ("reference-" + (a.against.empty() ? a.precision : a.against) + ".npy"));
  if (windows.shape.size() != 3 || reference.shape.size() != 2 || reference.shape[0] != windows.shape[0])
    throw Error(dir.string() + ": windows.npy must be [clips, mels, frames] and the reference [clips, classes]");
  const auto n = size_t(windows.shape[0]);
  const auto names = clip_names(dir / "clips.txt", n);
  const auto engine = engine::Classifier::load(a.model, 1, a.precision);
  const auto classes = size_t(reference.shape[1]);
  if (classes != engine.info().class_names.size())
    throw Error(fmt::format("{}: {} classes in the reference, {} in {}", dir.string(), classes,
                            engine.info().class_names.size(), a.model));
  const size_t window_size = size_t(windows.shape[1] * windows.shape[2]);
  parity::Tally tally;
  double seconds = 0;
  for (size_t i = 0; i < n; ++i) {
    features::Spectrogram window;
    window.n_mels = int(windows.shape[1]);
    window.n_frames = int(windows.shape[2]);
    window.values.assign(windows.values.begin() + long(i * window_size), windows.values.begin() + long((i + 1) * window_size));
    const auto start = std::chrono::steady_clock::now();
    const auto mine = engine.predict({window})[0];
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    tally.add(names[i], mine, std::span(reference.values).subspan(i * classes, classes));
  }
  tally.print(a.against.empty() || a.against == a.precision ? a.precision + " precision"
                                                             : a.precision + " against LibTorch's " + a.against);
  fmt::print("engine model time per clip, 1 thread: {:.2f} ms\n", 1e3 * seconds / double(n));
  return tally.passed(a.tolerance) ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"The inference engine against probabilities exported by engine_parity --export"};
  Args a;
  app.add_option("--model", a.model, "model file");
  app.add_option("--dir", a.dir, "folder written by engine_parity --export")->required()->check(CLI::ExistingDirectory);
  app.add_option("--precision", a.precision, "fp32 or bf16")->check(CLI::IsMember({"fp32", "bf16"}));
  app.add_option("--against", a.against, "LibTorch's fp32 or bf16 probabilities (default: the same precision)")
      ->check(CLI::IsMember({"fp32", "bf16"}));
  app.add_option("--tolerance", a.tolerance, "largest probability difference accepted");
  CLI11_PARSE(app, argc, argv);
  try {
    return run(a);
  } catch (const esc50::Error& e) {
    fmt::print(stderr, "engine_check: error: {}\n", e.what());
    return 2;
  }
}
