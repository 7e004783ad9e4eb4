#include "model/classifier.h"

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
};

Classifier::Classifier(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Classifier::Classifier(Classifier&&) noexcept = default;
Classifier& Classifier::operator=(Classifier&&) noexcept = default;
Classifier::~Classifier() = default;

Classifier Classifier::load(const std::filesystem::path& model_file, int threads) {
  auto loaded = load_model_file(model_file);
  set_compute_threads(threads);
  auto impl = std::make_unique<Impl>();
  impl->info = std::move(loaded.info);
  impl->network = std::move(loaded.network);
  impl->extractor = std::make_unique<features::LogMelExtractor>(impl->info.features);
  const auto& fs = impl->info.features;
  impl->window_frames =
      impl->extractor->frames_for(size_t(fs.clip_seconds * fs.sample_rate + 0.5));
  return Classifier(std::move(impl));
}

const ModelInfo& Classifier::info() const { return impl_->info; }
const features::LogMelExtractor& Classifier::extractor() const { return *impl_->extractor; }
int Classifier::window_frames() const { return impl_->window_frames; }

std::vector<std::vector<float>> Classifier::predict(
    const std::vector<features::Spectrogram>& windows) const {
  if (windows.empty()) return {};
  const int n_mels = impl_->info.features.n_mels;
  auto batch = torch::empty({int64_t(windows.size()), 1, n_mels, impl_->window_frames});
  for (size_t i = 0; i < windows.size(); ++i) {
    const auto& w = windows[i];
    if (w.n_mels != n_mels || w.n_frames != impl_->window_frames)
      throw Error("spectrogram window is " + std::to_string(w.n_mels) + "×" +
                  std::to_string(w.n_frames) + " but the model expects " +
                  std::to_string(n_mels) + "×" + std::to_string(impl_->window_frames));
    std::memcpy(batch[int64_t(i)].data_ptr<float>(), w.values.data(),
                w.values.size() * sizeof(float));
  }
  torch::InferenceMode guard;
  auto probs = torch::softmax(impl_->network->forward(batch), 1).contiguous();
  std::vector<std::vector<float>> out(windows.size());
  for (size_t i = 0; i < windows.size(); ++i) {
    const float* row = probs[int64_t(i)].data_ptr<float>();
    out[i].assign(row, row + probs.size(1));
  }
  return out;
}

}  // namespace esc50::model
