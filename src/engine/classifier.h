#pragma once
// Inference API with no LibTorch and no oneDNN in the header: what classify, serve, evaluate
// and the public library use. It runs on the engine (network_engine.h).
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "features/logmel.h"
#include "model/model_info.h"

namespace esc50::engine {

// Inference arithmetic: "fp32", "bf16" (weights and activations in bfloat16, on CPUs whose
// oneDNN kernels support it: AVX-512 and newer), or "auto" (bf16 where it is faster than fp32:
// model::cpu_prefers_bf16_inference(); else fp32).
inline const std::vector<std::string> kInferencePrecisions = {"auto", "fp32", "bf16"};

class Classifier {
 public:
  // Throws Error "<file>: ..." for a missing, foreign, truncated or corrupted model file, a
  // network the engine does not know, and an unknown or unavailable precision.
  static Classifier load(const std::filesystem::path& model_file, int threads = 1,
                         const std::string& precision = "auto");
  Classifier(Classifier&&) noexcept;
  Classifier& operator=(Classifier&&) noexcept;
  ~Classifier();

  const model::ModelInfo& info() const;
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

}  // namespace esc50::engine
