#pragma once
// Inference API with no LibTorch in the header: what classify, serve and evaluate use.
// Implemented in the model stage (the only one that sees torch).
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "features/logmel.h"

namespace esc50::model {

// Everything a model file carries besides weights, so loading never depends on flags.
struct ModelInfo {
  std::string architecture;                 // registry name, e.g. "esc50net"
  nlohmann::json architecture_settings;     // the model's own hyper-parameters
  features::FeatureSettings features;       // how its input was computed
  std::vector<std::string> class_names;     // output order
  nlohmann::json provenance;                // recipe, data, CV accuracy, git commit, date
  int64_t parameter_count = 0;
};

// Inference arithmetic: "fp32", "bf16" (weights and activations in bfloat16: about 3x faster
// on CPUs with AVX-512 bf16, same top-1 on the ESC-50 folds measured in docs/serve.md), or
// "auto" (bf16 where the CPU has native bf16 instructions, else fp32).
inline const std::vector<std::string> kInferencePrecisions = {"auto", "fp32", "bf16"};

class Classifier {
 public:
  // Throws Error "<file>: ..." for a missing, foreign, truncated or corrupted model file, and
  // for an unknown precision.
  static Classifier load(const std::filesystem::path& model_file, int threads = 1,
                         const std::string& precision = "auto");
  Classifier(Classifier&&) noexcept;
  Classifier& operator=(Classifier&&) noexcept;
  ~Classifier();

  const ModelInfo& info() const;
  const features::LogMelExtractor& extractor() const;
  // "fp32" or "bf16": the precision "auto" resolved to.
  const std::string& precision() const;
  // Frames of one input window (clip_seconds of audio).
  int window_frames() const;
  // Softmax probabilities, one row per window; each spectrogram must have the model's
  // n_mels and window_frames(). Thread-safe.
  std::vector<std::vector<float>> predict(const std::vector<features::Spectrogram>& windows) const;
  // The network's penultimate features (embedding_size() values), one row per window; same
  // input rules as predict. Thread-safe.
  std::vector<std::vector<float>> embed(const std::vector<features::Spectrogram>& windows) const;
  int embedding_size() const;

 private:
  struct Impl;
  explicit Classifier(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace esc50::model
