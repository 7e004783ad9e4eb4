#include "inference/sound_classifier.h"

#include <algorithm>
#include <cmath>

#include "common/error.h"
#include "inference/stream_classifier.h"
#include "inference/windowing.h"

namespace esc50::inference {
namespace {

features::Spectrogram window_spectrogram(std::span<const float> samples, size_t start,
                                         size_t window,
                                         const features::LogMelExtractor& extractor) {
  const size_t end = std::min(samples.size(), start + window);
  std::vector<float> padded(samples.begin() + start, samples.begin() + end);
  audio::fit_length(padded, window);
  return extractor.compute(padded);
}

std::vector<float> mean_of_windows(const std::vector<WindowScore>& windows) {
  std::vector<std::vector<float>> rows;
  rows.reserve(windows.size());
  for (const auto& w : windows) rows.push_back(w.probabilities);
  return mean_rows(rows);
}

}  // namespace

Classification classify_samples(std::span<const float> samples,
                                const features::LogMelExtractor& extractor,
                                const WindowPredictor& predict, const WindowSettings& settings,
                                const WindowCallback& on_window) {
  const int rate = extractor.settings().sample_rate;
  const auto window = window_samples(extractor.settings().clip_seconds, rate);
  if (window == 0) throw Error("model: clip length is zero");
  const auto starts = window_starts(samples.size(), window, hop_samples(settings.hop_seconds, window, rate),
                                    window / kWindowSlackFraction);
  const size_t batch = std::max<size_t>(1, settings.batch);

  Classification result;
  result.duration_s = double(samples.size()) / rate;
  for (size_t first = 0; first < starts.size(); first += batch) {
    const size_t last = std::min(starts.size(), first + batch);
    std::vector<features::Spectrogram> inputs;
    for (size_t i = first; i < last; ++i) inputs.push_back(window_spectrogram(samples, starts[i], window, extractor));
    auto predicted = predict(inputs);
    if (predicted.size() != inputs.size())
      throw Error("model: returned " + std::to_string(predicted.size()) + " predictions for " +
                  std::to_string(inputs.size()) + " windows");
    for (size_t i = first; i < last; ++i) {
      const double start_s = double(starts[i]) / rate;
      result.windows.push_back({start_s, std::min(result.duration_s, start_s + double(window) / rate),
                                std::move(predicted[i - first])});
      if (on_window) on_window(result.windows.back());
    }
  }
  result.probabilities = mean_of_windows(result.windows);
  return result;
}

namespace {

WindowPredictor network_output(const engine::Classifier& model, WindowOutput output) {
  if (output == WindowOutput::embedding) return [&model](const auto& windows) { return model.embed(windows); };
  return [&model](const auto& windows) { return model.predict(windows); };
}

}  // namespace

Classification classify_waveform(const engine::Classifier& model, audio::Waveform decoded,
                                 const WindowSettings& settings, WindowOutput output,
                                 const WindowCallback& on_window) {
  const auto& extractor = model.extractor();
  const auto clip = audio::prepare_clip(
      std::move(decoded), {.sample_rate = extractor.settings().sample_rate, .duration_s = 0});
  return classify_samples(clip.samples, extractor, network_output(model, output), settings, on_window);
}

Classification classify_file(const engine::Classifier& model, const std::filesystem::path& file,
                             const WindowSettings& settings, const std::function<void(double, double)>& on_progress,
                             WindowOutput output, const WindowCallback& on_window) {
  audio::MonoStream input(file);
  Classification result;
  StreamClassifier stream(
      model.extractor(), network_output(model, output), input.sample_rate(), settings,
      [&](const WindowScore& w) {
        result.windows.push_back(w);
        if (on_window) on_window(w);
      });
  for (auto block = input.next(); !block.empty(); block = input.next()) {
    stream.push(block);
    if (on_progress) on_progress(stream.seconds_pushed(), input.duration_s());
  }
  stream.finish();
  result.duration_s = stream.seconds_pushed();
  result.probabilities = mean_of_windows(result.windows);
  return result;
}

}  // namespace esc50::inference
