#pragma once
// Inference of a catalog network (model/network_spec.h) on oneDNN, without LibTorch: batch
// norm folded into the convolutions at load, convolutions and pooling on oneDNN's CPU
// kernels, the global pooling and the linear classifier in plain loops. No oneDNN types here.
#include <memory>
#include <string>

#include "model/model_file.h"
#include "model/network_spec.h"

namespace esc50::engine {

enum class Precision { fp32, bf16 };

class NetworkEngine {
 public:
  // Throws Error when a tensor is missing or misshapen, or when this CPU cannot run the
  // precision (oneDNN's bf16 kernels need AVX-512).
  NetworkEngine(const model::NetworkSpec& spec, const model::TensorTable& tensors,
                Precision precision, int n_mels, int frames);
  NetworkEngine(NetworkEngine&&) noexcept;
  NetworkEngine& operator=(NetworkEngine&&) noexcept;
  ~NetworkEngine();

  int n_classes() const;
  int embedding_size() const;
  // `decibels`: `batch` spectrograms of n_mels × frames, row-major. Writes `batch` rows of
  // logits (n_classes) or embeddings (embedding_size) to `out`. Thread-safe; each call runs
  // its convolutions on `threads` threads (0: all cores).
  void run(const float* decibels, int batch, bool embedding, float* out, int threads) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// "oneDNN 2.6.3 (CPU)"
std::string engine_description();

}  // namespace esc50::engine
