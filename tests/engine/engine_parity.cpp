// The engine against LibTorch on real clips: both run the same model file on the same
// log-mel windows; prints top-1 agreement and probability differences, and exits 1 when a
// top-1 differs or a probability differs by more than --tolerance. Exit 77: no dataset.
//   engine_parity --model models/default.esc50 --data $ESC50_DIR [--limit N] [--precision bf16]
// --export DIR writes the windows and LibTorch's fp32 and bf16 probabilities instead, for
// engine_check to compare on a machine without LibTorch (one with native bf16, say). The
// exported windows are rounded to bf16 so that 2000 of them travel as 22 MB of xz; both
// sides see the same rounded values.
#include <torch/torch.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <chrono>
#include <cstring>
#include "common/atomic_file.h"
#include "common/error.h"
#include "common/npy.h"
#include "data/dataset.h"
#include "engine/classifier.h"
#include "network/network_file.h"
#include "parity_tally.h"

namespace {

using namespace esc50;

struct Args {
  std::string model = "models/default.esc50", data, precision = "fp32", export_dir;
  size_t limit = 0;
  double tolerance = 1e-3;
};

std::shared_ptr<network::NetworkImpl> load_reference(const std::string& model, bool bf16) {
  auto reference = network::load_network(model).network;
  for (auto& parameter : reference->parameters())
    if (parameter.dim() == 4) parameter.set_data(parameter.data().contiguous(torch::MemoryFormat::ChannelsLast));
  if (bf16) reference->to(torch::kBFloat16);
  return reference;
}

std::vector<float> libtorch_probabilities(network::NetworkImpl& reference, const features::Spectrogram& window,
                                          bool bf16) {
  // A second, silent row, as esc50's LibTorch classifier ran fp32: LibTorch 1.13 sends a
  // one-row convolution of esc50net's last block to a kernel 10–20× slower than oneDNN.
  auto input = torch::zeros({bf16 ? 1 : 2, 1, window.n_mels, window.n_frames});
  std::memcpy(input.data_ptr<float>(), window.values.data(), window.values.size() * sizeof(float));
  input = input.contiguous(torch::MemoryFormat::ChannelsLast);
  if (bf16) input = input.to(torch::kBFloat16);
  const auto p = torch::softmax(reference.forward(input).to(torch::kFloat), 1)[0].contiguous();
  return {p.data_ptr<float>(), p.data_ptr<float>() + p.numel()};
}

void round_to_bf16(features::Spectrogram& window) {
  auto values = torch::from_blob(window.values.data(), {int64_t(window.values.size())});
  values.copy_(values.to(torch::kBFloat16).to(torch::kFloat));
}

int export_reference(const Args& a, const data::Dataset& dataset, size_t n) {
  const auto engine = engine::Classifier::load(a.model, 1, "fp32");  // for its feature extractor
  auto fp32 = load_reference(a.model, false), bf16 = load_reference(a.model, true);
  std::vector<float> windows, p32, p16;
  std::string names;
  int64_t mels = 0, frames = 0, classes = 0;
  for (size_t i = 0; i < n; ++i) {
    auto window = features::extract_clip(dataset.clips[i].path, engine.extractor());
    round_to_bf16(window);
    mels = window.n_mels, frames = window.n_frames;
    windows.insert(windows.end(), window.values.begin(), window.values.end());
    const auto a32 = libtorch_probabilities(*fp32, window, false), a16 = libtorch_probabilities(*bf16, window, true);
    classes = int64_t(a32.size());
    p32.insert(p32.end(), a32.begin(), a32.end());
    p16.insert(p16.end(), a16.begin(), a16.end());
    names += dataset.clips[i].filename + '\n';
  }
  const std::filesystem::path dir = a.export_dir;
  write_npy(dir / "windows.npy", windows, {int64_t(n), mels, frames});
  write_npy(dir / "reference-fp32.npy", p32, {int64_t(n), classes});
  write_npy(dir / "reference-bf16.npy", p16, {int64_t(n), classes});
  write_file_atomic(dir / "clips.txt", names);
  fmt::print("{} clips exported to {}\n", n, a.export_dir);
  return 0;
}

int compare(const Args& a, const data::Dataset& dataset, size_t n) {
  const bool bf16 = a.precision == "bf16";
  auto reference = load_reference(a.model, bf16);
  const auto engine = engine::Classifier::load(a.model, 1, a.precision);
  parity::Tally tally;
  double engine_seconds = 0, torch_seconds = 0;
  for (size_t i = 0; i < n; ++i) {
    const auto window = features::extract_clip(dataset.clips[i].path, engine.extractor());
    auto t0 = std::chrono::steady_clock::now();
    const auto mine = engine.predict({window})[0];
    auto t1 = std::chrono::steady_clock::now();
    const auto theirs = libtorch_probabilities(*reference, window, bf16);
    auto t2 = std::chrono::steady_clock::now();
    engine_seconds += std::chrono::duration<double>(t1 - t0).count();
    torch_seconds += std::chrono::duration<double>(t2 - t1).count();
    tally.add(dataset.clips[i].filename, mine, theirs);
  }
  tally.print(a.precision + " precision");
  fmt::print("model time per clip, 1 thread: engine {:.2f} ms, LibTorch (channels-last, as esc50 ran it before) {:.2f} ms\n",
             1e3 * engine_seconds / double(n), 1e3 * torch_seconds / double(n));
  return tally.passed(a.tolerance) ? 0 : 1;
}

int run(const Args& a) {
  const auto dataset = data::load_dataset(a.data);
  const size_t n = a.limit ? std::min(a.limit, dataset.clips.size()) : dataset.clips.size();
  torch::set_num_threads(1);
  torch::InferenceMode guard;
  return a.export_dir.empty() ? compare(a, dataset, n) : export_reference(a, dataset, n);
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"The inference engine against LibTorch on a dataset's clips"};
  Args a;
  app.add_option("--model", a.model, "model file");
  app.add_option("--data", a.data, "dataset (default: $ESC50_DIR)");
  app.add_option("--limit", a.limit, "first N clips only (0: all)");
  auto* precision = app.add_option("--precision", a.precision, "fp32 or bf16")->check(CLI::IsMember({"fp32", "bf16"}));
  auto* tolerance = app.add_option("--tolerance", a.tolerance, "largest probability difference accepted");
  // An export writes both precisions and judges nothing.
  app.add_option("--export", a.export_dir, "write windows and LibTorch's fp32 and bf16 probabilities here for engine_check")
      ->check(CLI::ExistingDirectory)
      ->excludes(precision)
      ->excludes(tolerance);
  CLI11_PARSE(app, argc, argv);
  if (a.data.empty()) {
    const auto dir = data::esc50_dir_from_env();
    if (!dir) {
      fmt::print("ESC50_DIR is not set and --data not given: skipped\n");
      return 77;
    }
    a.data = dir->string();
  }
  try {
    return run(a);
  } catch (const esc50::Error& e) {
    fmt::print(stderr, "engine_parity: error: {}\n", e.what());
    return 2;
  }
}
