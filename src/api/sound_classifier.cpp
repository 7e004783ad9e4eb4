// The public API (include/esc50/esc50.h) over the inference stage: translation of types only,
// so the command line, the server and embedding programs classify through the same code.
#include <algorithm>
#include <cmath>

#include "audio/audio.h"
#include "common/run_info.h"
#include "esc50/esc50.h"
#include "features/logmel.h"
#include "inference/resources.h"
#include "inference/sound_classifier.h"
#include "inference/windowing.h"
#include "engine/classifier.h"

namespace esc50 {
namespace {

std::vector<TimelineWindow> timeline_of(std::vector<inference::WindowScore>& windows) {
  std::vector<TimelineWindow> out;
  out.reserve(windows.size());
  for (auto& w : windows) out.push_back({w.start_s, w.end_s, std::move(w.probabilities)});
  return out;
}

audio::Waveform waveform_of(std::span<const float> samples, int sample_rate, const char* what) {
  if (sample_rate < audio::kMinSampleRate || sample_rate > audio::kMaxSampleRate)
    throw Error(std::string(what) + ": sample rate " + std::to_string(sample_rate) + " Hz is outside " +
                std::to_string(audio::kMinSampleRate) + " … " + std::to_string(audio::kMaxSampleRate) + " Hz");
  if (samples.empty()) throw Error(std::string(what) + ": no samples");
  const auto bad = std::find_if_not(samples.begin(), samples.end(),
                                    [](float x) { return std::abs(x) <= audio::kMaxSampleMagnitude; });
  if (bad != samples.end())
    throw Error(std::string(what) + ": sample " + std::to_string(bad - samples.begin()) + " is " +
                std::to_string(*bad) + ", not a number or beyond ±1e9 (full scale is ±1)");
  return {.samples = {samples.begin(), samples.end()}, .sample_rate = sample_rate};
}

inference::WindowCallback window_callback(const ClassifyOptions& options) {
  if (!options.on_window) return {};
  return [&options](const inference::WindowScore& w) { options.on_window({w.start_s, w.end_s, w.probabilities}); };
}

ModelDescription describe(const engine::Classifier& classifier) {
  const auto& info = classifier.info();
  return {.architecture = info.architecture,
          .classes = info.class_names,
          .sample_rate = info.features.sample_rate,
          .clip_seconds = info.features.clip_seconds,
          .n_mels = info.features.n_mels,
          .precision = classifier.precision(),
          .parameter_count = info.parameter_count,
          .members = info.members,
          .embedding_size = classifier.embedding_size(),
          .feature_settings_json = features::feature_params().to_json(info.features).dump(),
          .provenance_json = info.provenance.dump()};
}

}  // namespace

std::string version() { return esc50_version(); }

std::vector<ClassScore> top_classes(std::span<const float> probabilities, const std::vector<std::string>& labels,
                                    int k) {
  std::vector<ClassScore> out;
  for (const auto& r : inference::top_k(probabilities, k))
    out.push_back({r.index, size_t(r.index) < labels.size() ? labels[size_t(r.index)] : "", r.probability});
  return out;
}

struct SoundClassifier::Impl {
  engine::Classifier classifier;
  ModelDescription description;

  Classification classification(inference::Classification scored, int top) const {
    if (top < 1) throw Error("classify: top must be at least 1, not " + std::to_string(top));
    Classification out;
    out.duration_s = scored.duration_s;
    out.top = top_classes(scored.probabilities, description.classes, top);
    out.probabilities = std::move(scored.probabilities);
    out.timeline = timeline_of(scored.windows);
    return out;
  }

  static Embedding embedding(inference::Classification scored) {
    return {scored.duration_s, std::move(scored.probabilities), timeline_of(scored.windows)};
  }
};

std::filesystem::path SoundClassifier::default_model_path() { return inference::default_model_path(); }

SoundClassifier::SoundClassifier(const std::filesystem::path& model_file, const LoadOptions& options) {
  auto classifier = engine::Classifier::load(model_file.empty() ? default_model_path() : model_file,
                                            options.threads, options.precision);
  auto description = describe(classifier);
  impl_ = std::make_unique<Impl>(Impl{std::move(classifier), std::move(description)});
}

SoundClassifier::SoundClassifier(SoundClassifier&&) noexcept = default;
SoundClassifier& SoundClassifier::operator=(SoundClassifier&&) noexcept = default;
SoundClassifier::~SoundClassifier() = default;

const ModelDescription& SoundClassifier::model() const { return impl_->description; }
const std::vector<std::string>& SoundClassifier::classes() const { return impl_->description.classes; }

Classification SoundClassifier::classify_file(const std::filesystem::path& file, const ClassifyOptions& options) const {
  return impl_->classification(
      inference::classify_file(impl_->classifier, file, {.hop_seconds = options.hop_seconds}, options.on_progress,
                               inference::WindowOutput::probabilities, window_callback(options)),
      options.top);
}

Classification SoundClassifier::classify_memory(std::span<const std::byte> encoded, std::string_view name,
                                                const ClassifyOptions& options) const {
  return impl_->classification(
      inference::classify_waveform(impl_->classifier, audio::decode_mono(encoded, std::string(name),
                                                                        {.sample_rate = impl_->classifier.extractor().settings().sample_rate}),
                                   {.hop_seconds = options.hop_seconds}, inference::WindowOutput::probabilities,
                                   window_callback(options)),
      options.top);
}

Classification SoundClassifier::classify_waveform(std::span<const float> samples, int sample_rate,
                                                  const ClassifyOptions& options) const {
  return impl_->classification(
      inference::classify_waveform(impl_->classifier, waveform_of(samples, sample_rate, "classify"),
                                   {.hop_seconds = options.hop_seconds}, inference::WindowOutput::probabilities,
                                   window_callback(options)),
      options.top);
}

Embedding SoundClassifier::embed_file(const std::filesystem::path& file, double hop_seconds) const {
  return Impl::embedding(inference::classify_file(impl_->classifier, file, {.hop_seconds = hop_seconds}, {},
                                                  inference::WindowOutput::embedding));
}

Embedding SoundClassifier::embed_waveform(std::span<const float> samples, int sample_rate, double hop_seconds) const {
  return Impl::embedding(inference::classify_waveform(impl_->classifier, waveform_of(samples, sample_rate, "embed"),
                                                      {.hop_seconds = hop_seconds}, inference::WindowOutput::embedding));
}

}  // namespace esc50
