#pragma once
// Classification of audio of any length: resample to the model's rate, cut into windows of
// the model's clip length, score every window, average the window probabilities.
#include <filesystem>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "audio/audio.h"
#include "features/logmel.h"
#include "engine/classifier.h"

namespace esc50::inference {

struct WindowSettings {
  double hop_seconds = 0;  // 0 = half the model's clip length
  size_t batch = 8;        // windows per model call: bounds memory for long input
};

struct WindowScore {
  double start_s = 0;
  double end_s = 0;
  std::vector<float> probabilities;
};

struct Classification {
  double duration_s = 0;
  std::vector<float> probabilities;  // mean over the windows
  std::vector<WindowScore> windows;  // in time order
};

// Called with each window as soon as it is scored, in time order.
using WindowCallback = std::function<void(const WindowScore&)>;

// Softmax probabilities per window spectrogram (engine::Classifier::predict, or a test stand-in).
using WindowPredictor =
    std::function<std::vector<std::vector<float>>(const std::vector<features::Spectrogram>&)>;

// `samples` must be at extractor.settings().sample_rate.
Classification classify_samples(std::span<const float> samples,
                                const features::LogMelExtractor& extractor,
                                const WindowPredictor& predict, const WindowSettings& settings,
                                const WindowCallback& on_window = {});

// What the network gives for each window: class probabilities, or its embedding (the
// penultimate features, engine::Classifier::embed). With `embedding`, a Classification's
// `probabilities` rows hold embeddings, and the whole-input row is their mean.
enum class WindowOutput { probabilities, embedding };

// Any sample rate: resampled to the model's rate first.
Classification classify_waveform(const engine::Classifier& model, audio::Waveform decoded,
                                 const WindowSettings& settings = {},
                                 WindowOutput output = WindowOutput::probabilities,
                                 const WindowCallback& on_window = {});

// A file of any length, decoded and classified block by block (StreamClassifier): memory is
// bounded by a window and a block, not by the file. `on_progress(seconds_done, seconds_total)`
// is called after every block.
Classification classify_file(const engine::Classifier& model, const std::filesystem::path& file,
                             const WindowSettings& settings = {},
                             const std::function<void(double, double)>& on_progress = {},
                             WindowOutput output = WindowOutput::probabilities,
                             const WindowCallback& on_window = {});

}  // namespace esc50::inference
