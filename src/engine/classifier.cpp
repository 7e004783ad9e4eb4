#include "engine/classifier.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#include "common/error.h"
#include "engine/network_engine.h"
#include "model/catalog.h"
#include "model/cpu_features.h"
#include "model/model_file.h"

namespace esc50::engine {

struct Classifier::Impl {
  model::ModelInfo info;
  std::vector<NetworkEngine> members;  // one network, or an ensemble's
  int embedding_size = 0;
  std::unique_ptr<features::LogMelExtractor> extractor;
  int window_frames = 0;
  int threads = 1;
  std::string precision;

  // The batch of windows as the networks' input; throws Error for a window of the wrong size.
  std::vector<float> input(const std::vector<features::Spectrogram>& windows) const;
  // One member on the batch: logits or embeddings, one row of `row` values per window.
  std::vector<float> run(const NetworkEngine& member, const std::vector<float>& batch, size_t windows,
                         bool embedding) const;
};

namespace {

std::string resolve_precision(const std::string& requested) {
  if (std::find(kInferencePrecisions.begin(), kInferencePrecisions.end(), requested) ==
      kInferencePrecisions.end())
    throw Error("unknown inference precision '" + requested + "' (use auto, fp32 or bf16)");
  if (requested != "auto") return requested;
  return model::cpu_prefers_bf16_inference() ? "bf16" : "fp32";
}

void softmax(std::vector<float>& logits) {
  const float top = *std::max_element(logits.begin(), logits.end());
  double total = 0;
  for (auto& v : logits) total += (v = std::exp(v - top));
  for (auto& v : logits) v = float(v / total);
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
  impl->threads = threads;
  auto file = model::read_model_file(model_file);
  if (file.format_version == model::kLibTorchModelFormatVersion)
    fail_file(model_file, "model file format 1 holds LibTorch weights, which the inference engine does "
                          "not read; convert it once with `esc50 upgrade-model " + model_file.string() + "`");
  impl->info = std::move(file.info);
  const auto& info = impl->info;
  impl->extractor = std::make_unique<features::LogMelExtractor>(info.features);
  const auto& fs = info.features;
  impl->window_frames = impl->extractor->frames_for(size_t(fs.clip_seconds * fs.sample_rate + 0.5));
  try {
    const auto spec = model::find_architecture(info.architecture)
                          .spec(info.architecture_settings, int(info.class_names.size()));
    model::check_tensors(file.tensors, spec, info.members);
    auto make = [&](const std::string& p) {
      std::vector<NetworkEngine> members;
      const auto arithmetic = p == "bf16" ? Precision::bf16 : Precision::fp32;
      if (info.members == 1) {  // no copy of a single network's weights
        members.emplace_back(spec, file.tensors, arithmetic, fs.n_mels, impl->window_frames);
        return members;
      }
      for (int m = 0; m < info.members; ++m)
        members.emplace_back(spec, model::member_tensors(file.tensors, m, info.members), arithmetic, fs.n_mels,
                             impl->window_frames);
      return members;
    };
    try {
      impl->members = make(impl->precision);
    } catch (const Error&) {
      // "auto" means the best precision that runs here; an explicit bf16 reports why not.
      if (precision != "auto" || impl->precision == "fp32") throw;
      impl->precision = "fp32";
      impl->members = make(impl->precision);
    }
    impl->embedding_size = info.members * impl->members.front().embedding_size();
  } catch (const Error& e) {
    fail_file(model_file, e.what());
  }
  return Classifier(std::move(impl));
}

const model::ModelInfo& Classifier::info() const { return impl_->info; }
const features::LogMelExtractor& Classifier::extractor() const { return *impl_->extractor; }
const std::string& Classifier::precision() const { return impl_->precision; }
int Classifier::window_frames() const { return impl_->window_frames; }
int Classifier::embedding_size() const { return impl_->embedding_size; }

std::vector<float> Classifier::Impl::input(const std::vector<features::Spectrogram>& windows) const {
  const int n_mels = info.features.n_mels;
  const size_t values = size_t(n_mels) * size_t(window_frames);
  std::vector<float> batch(windows.size() * values);
  for (size_t i = 0; i < windows.size(); ++i) {
    const auto& w = windows[i];
    if (w.n_mels != n_mels || w.n_frames != window_frames || w.values.size() != values)
      throw Error("spectrogram window is " + std::to_string(w.n_mels) + "×" + std::to_string(w.n_frames) +
                  " but the model expects " + std::to_string(n_mels) + "×" + std::to_string(window_frames));
    std::memcpy(batch.data() + i * values, w.values.data(), values * sizeof(float));
  }
  return batch;
}

std::vector<float> Classifier::Impl::run(const NetworkEngine& member, const std::vector<float>& batch,
                                         size_t windows, bool embedding) const {
  std::vector<float> out(windows * size_t(embedding ? member.embedding_size() : member.n_classes()));
  member.run(batch.data(), int(windows), embedding, out.data(), threads);
  return out;
}

// An ensemble's probabilities are the mean of its members'.
std::vector<std::vector<float>> Classifier::predict(const std::vector<features::Spectrogram>& windows) const {
  const auto batch = impl_->input(windows);
  const size_t classes = impl_->info.class_names.size();
  std::vector<std::vector<float>> rows(windows.size(), std::vector<float>(classes, 0.0f));
  for (const auto& member : impl_->members) {
    const auto logits = impl_->run(member, batch, windows.size(), false);
    for (size_t i = 0; i < windows.size(); ++i) {
      std::vector<float> p(logits.begin() + long(i * classes), logits.begin() + long((i + 1) * classes));
      softmax(p);
      for (size_t c = 0; c < classes; ++c) rows[i][c] += p[c] / float(impl_->members.size());
    }
  }
  return rows;
}

// An ensemble's embedding is its members' side by side.
std::vector<std::vector<float>> Classifier::embed(const std::vector<features::Spectrogram>& windows) const {
  const auto batch = impl_->input(windows);
  std::vector<std::vector<float>> rows(windows.size());
  for (const auto& member : impl_->members) {
    const auto values = impl_->run(member, batch, windows.size(), true);
    const size_t row = size_t(member.embedding_size());
    for (size_t i = 0; i < windows.size(); ++i)
      rows[i].insert(rows[i].end(), values.begin() + long(i * row), values.begin() + long((i + 1) * row));
  }
  return rows;
}

}  // namespace esc50::engine
