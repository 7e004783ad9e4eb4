#include "model/classifier.h"

#include <algorithm>

#include <torch/torch.h>

#include "common/error.h"
#include "model/device.h"
#include "model/model_file.h"

namespace esc50::model {

struct Classifier::Impl {
  ModelInfo info;
  std::shared_ptr<NetworkImpl> network;
  std::unique_ptr<features::LogMelExtractor> extractor;
  int window_frames = 0;
  int embedding_size = 0;
  std::string precision;

  // The network on a batch of windows: logits, or the embedding.
  torch::Tensor run(const std::vector<features::Spectrogram>& windows, bool embedding) const;
};

namespace {

std::string resolve_precision(const std::string& requested) {
  if (std::find(kInferencePrecisions.begin(), kInferencePrecisions.end(), requested) ==
      kInferencePrecisions.end())
    throw Error("unknown inference precision '" + requested + "' (use auto, fp32 or bf16)");
  if (requested != "auto") return requested;
  return cpu_has_native_bf16() ? "bf16" : "fp32";
}

// Channels-last weights and inputs let oneDNN run its direct convolution kernels without
// reordering every call; in bf16 that halves the model's time again.
void prepare_for_inference(NetworkImpl& network, bool bf16) {
  network.eval();
  for (auto& parameter : network.parameters())
    if (parameter.dim() == 4) parameter.set_data(parameter.data().contiguous(torch::MemoryFormat::ChannelsLast));
  if (bf16) network.to(torch::kBFloat16);
}

}  // namespace

Classifier::Classifier(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Classifier::Classifier(Classifier&&) noexcept = default;
Classifier& Classifier::operator=(Classifier&&) noexcept = default;
Classifier::~Classifier() = default;

Classifier Classifier::load(const std::filesystem::path& model_file, int threads,
                            const std::string& precision) {
  auto impl = std::make_unique<Impl>();
  impl->precision = resolve_precision(precision);
  auto loaded = load_model_file(model_file);
  set_compute_threads(threads);
  impl->info = std::move(loaded.info);
  impl->network = std::move(loaded.network);
  prepare_for_inference(*impl->network, impl->precision == "bf16");
  impl->extractor = std::make_unique<features::LogMelExtractor>(impl->info.features);
  const auto& fs = impl->info.features;
  impl->window_frames =
      impl->extractor->frames_for(size_t(fs.clip_seconds * fs.sample_rate + 0.5));
  {
    torch::InferenceMode guard;
    impl->embedding_size = int(impl->run({}, true).size(1));
  }
  return Classifier(std::move(impl));
}

const ModelInfo& Classifier::info() const { return impl_->info; }
const features::LogMelExtractor& Classifier::extractor() const { return *impl_->extractor; }
const std::string& Classifier::precision() const { return impl_->precision; }
int Classifier::window_frames() const { return impl_->window_frames; }

namespace {

std::vector<std::vector<float>> rows_of(const torch::Tensor& matrix, size_t n) {
  const auto values = matrix.to(torch::kFloat).contiguous();
  std::vector<std::vector<float>> out(n);
  for (size_t i = 0; i < n; ++i) {
    const float* row = values[int64_t(i)].data_ptr<float>();
    out[i].assign(row, row + values.size(1));
  }
  return out;
}

}  // namespace

torch::Tensor Classifier::Impl::run(const std::vector<features::Spectrogram>& windows, bool embedding) const {
  const int n_mels = info.features.n_mels;
  // LibTorch 1.13 sends a single-clip fp32 convolution with a small input (esc50net's last
  // block: 256 × 4 × 13) to its slow native kernel instead of oneDNN, 10–20× slower. A second,
  // silent row (rows are independent in eval mode) keeps every layer on oneDNN.
  const bool fp32 = precision == "fp32";
  const int64_t rows = std::max<int64_t>(int64_t(windows.size()), fp32 ? 2 : 1);
  auto batch = torch::zeros({rows, 1, n_mels, window_frames});
  for (size_t i = 0; i < windows.size(); ++i) {
    const auto& w = windows[i];
    if (w.n_mels != n_mels || w.n_frames != window_frames)
      throw Error("spectrogram window is " + std::to_string(w.n_mels) + "×" +
                  std::to_string(w.n_frames) + " but the model expects " +
                  std::to_string(n_mels) + "×" + std::to_string(window_frames));
    std::memcpy(batch[int64_t(i)].data_ptr<float>(), w.values.data(),
                w.values.size() * sizeof(float));
  }
  batch = batch.contiguous(torch::MemoryFormat::ChannelsLast);
  if (precision == "bf16") batch = batch.to(torch::kBFloat16);
  return embedding ? network->embed(batch) : network->forward(batch);
}

std::vector<std::vector<float>> Classifier::predict(
    const std::vector<features::Spectrogram>& windows) const {
  if (windows.empty()) return {};
  torch::InferenceMode guard;
  return rows_of(torch::softmax(impl_->run(windows, false).to(torch::kFloat), 1), windows.size());
}

std::vector<std::vector<float>> Classifier::embed(
    const std::vector<features::Spectrogram>& windows) const {
  if (windows.empty()) return {};
  torch::InferenceMode guard;
  return rows_of(impl_->run(windows, true), windows.size());
}

int Classifier::embedding_size() const { return impl_->embedding_size; }

}  // namespace esc50::model
