// The engine against LibTorch on real clips: both run the same model file on the same
// log-mel windows; prints top-1 agreement and probability differences, and exits 1 when a
// top-1 differs or a probability differs by more than --tolerance. Exit 77: no dataset.
//   engine_parity --model models/default.esc50 --data $ESC50_DIR [--limit N] [--precision bf16]
#include <torch/torch.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstring>

#include "common/error.h"
#include "data/dataset.h"
#include "engine/classifier.h"
#include "network/network_file.h"

namespace {

using namespace esc50;

struct Args {
  std::string model = "models/default.esc50", data, precision = "fp32";
  size_t limit = 0;
  double tolerance = 1e-3;
};

int argmax(const float* p, size_t n) { return int(std::max_element(p, p + n) - p); }

int run(const Args& a) {
  const auto dataset = data::load_dataset(a.data);
  auto reference = network::load_network(a.model).network;
  const bool bf16 = a.precision == "bf16";
  for (auto& parameter : reference->parameters())
    if (parameter.dim() == 4) parameter.set_data(parameter.data().contiguous(torch::MemoryFormat::ChannelsLast));
  if (bf16) reference->to(torch::kBFloat16);
  torch::set_num_threads(1);
  const auto engine = engine::Classifier::load(a.model, 1, a.precision);
  const size_t n = a.limit ? std::min(a.limit, dataset.clips.size()) : dataset.clips.size();
  size_t agree = 0;
  double worst = 0, total = 0, engine_seconds = 0, torch_seconds = 0;
  std::string worst_clip;
  torch::InferenceMode guard;
  for (size_t i = 0; i < n; ++i) {
    const auto& clip = dataset.clips[i];
    const auto window = features::extract_clip(clip.path, engine.extractor());
    auto t0 = std::chrono::steady_clock::now();
    const auto mine = engine.predict({window})[0];
    auto t1 = std::chrono::steady_clock::now();
    // A second, silent row, as esc50's LibTorch classifier ran fp32: LibTorch 1.13 sends a
    // one-row convolution of esc50net's last block to a kernel 10–20× slower than oneDNN.
    auto input = torch::zeros({bf16 ? 1 : 2, 1, window.n_mels, window.n_frames});
    std::memcpy(input.data_ptr<float>(), window.values.data(), window.values.size() * sizeof(float));
    input = input.contiguous(torch::MemoryFormat::ChannelsLast);
    if (bf16) input = input.to(torch::kBFloat16);
    const auto theirs = torch::softmax(reference->forward(input).to(torch::kFloat), 1).contiguous();
    auto t2 = std::chrono::steady_clock::now();
    engine_seconds += std::chrono::duration<double>(t1 - t0).count();
    torch_seconds += std::chrono::duration<double>(t2 - t1).count();
    const float* p = theirs.data_ptr<float>();
    agree += argmax(mine.data(), mine.size()) == argmax(p, mine.size());
    for (size_t c = 0; c < mine.size(); ++c) {
      const double d = std::abs(double(mine[c]) - p[c]);
      total += d;
      if (d > worst) worst = d, worst_clip = clip.filename;
    }
  }
  const size_t classes = engine.info().class_names.size();
  fmt::print("{} clips, {} precision: top-1 equal on {} ({:.2f} %); |Δp| max {:.2e} ({}), mean {:.2e}\n", n,
             a.precision, agree, 100.0 * double(agree) / double(n), worst, worst_clip,
             total / double(n * classes));
  fmt::print("model time per clip, 1 thread: engine {:.2f} ms, LibTorch (channels-last, as esc50 ran it before) {:.2f} ms\n", 1e3 * engine_seconds / double(n),
             1e3 * torch_seconds / double(n));
  return agree == n && worst <= a.tolerance ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"The inference engine against LibTorch on a dataset's clips"};
  Args a;
  app.add_option("--model", a.model, "model file");
  app.add_option("--data", a.data, "dataset (default: $ESC50_DIR)");
  app.add_option("--limit", a.limit, "first N clips only (0: all)");
  app.add_option("--precision", a.precision, "fp32 or bf16")->check(CLI::IsMember({"fp32", "bf16"}));
  app.add_option("--tolerance", a.tolerance, "largest probability difference accepted");
  CLI11_PARSE(app, argc, argv);
  if (a.data.empty()) {
    const char* env = std::getenv("ESC50_DIR");
    if (!env) {
      fmt::print("ESC50_DIR is not set and --data not given: skipped\n");
      return 77;
    }
    a.data = env;
  }
  try {
    return run(a);
  } catch (const esc50::Error& e) {
    fmt::print(stderr, "engine_parity: error: {}\n", e.what());
    return 2;
  }
}
