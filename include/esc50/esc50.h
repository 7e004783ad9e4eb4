#pragma once
// esc50's C++ API: load a sound-classification model file and name the sounds in audio of
// any length — a file, a file in memory or samples — with a timeline for long recordings and
// embeddings for callers who bring their own classifier.
//
//   esc50::SoundClassifier classifier;  // the bundled model, found as `esc50 classify` does
//   for (const auto& c : classifier.classify_file("dog.wav").top)
//     std::printf("%s %.1f %%\n", c.label.c_str(), 100 * c.probability);
//
// Link with esc50::esc50 (CMake: find_package(esc50)) or `pkg-config --libs esc50`. Only the
// C++ standard library appears in these headers. Errors are thrown as esc50::Error.
// A SoundClassifier is safe to use from several threads at once.
#include <cstddef>
#include <filesystem>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "esc50/error.h"
#include "esc50/export.h"

namespace esc50 {

// The library's version, "MAJOR.MINOR.PATCH".
ESC50_API std::string version();

struct ClassScore {
  int index = 0;  // into SoundClassifier::classes()
  std::string label = {};
  float probability = 0;
};

// One window of the model's clip length (5 s for the bundled model).
struct TimelineWindow {
  double start_s = 0;
  double end_s = 0;
  std::vector<float> values = {};  // per class probabilities, or an embedding (see embed_*)
};

struct Classification {
  double duration_s = 0;
  std::vector<float> probabilities = {};  // per class, in classes() order: the mean over the windows
  std::vector<ClassScore> top = {};  // the ClassifyOptions::top most probable, most probable first
  std::vector<TimelineWindow> timeline = {};  // every window, in time order
};

struct Embedding {
  double duration_s = 0;
  std::vector<float> values = {};         // the mean of the windows' embeddings
  std::vector<TimelineWindow> timeline = {};  // each window's embedding
};

struct ClassifyOptions {
  int top = 5;               // classes ranked in Classification::top
  double hop_seconds = 0;    // between window starts: 0 = half the model's clip, else 0.01 … 3600 s
  // Files only: called after each decoded block with (seconds done, seconds in the file).
  std::function<void(double, double)> on_progress = {};
  // Called with each window as soon as it is scored, in time order, before classify_* returns
  // (for results as they come on long input). An exception thrown here aborts the call.
  std::function<void(const TimelineWindow&)> on_window = {};
};

struct LoadOptions {
  int threads = 1;                 // compute threads of the network
  std::string precision = "auto";  // "fp32", "bf16", or "auto" (bf16 on CPUs with AMX and on AMD Zen 5, else fp32)
};

// What a model file describes besides its weights.
struct ModelDescription {
  std::string architecture = {};     // e.g. "esc50net"
  std::vector<std::string> classes = {};  // output order
  int sample_rate = 0;               // audio is resampled to this rate
  double clip_seconds = 0;           // one window
  int n_mels = 0;
  std::string precision = {};        // what LoadOptions::precision resolved to
  long long parameter_count = 0;     // over all members
  int members = 1;                   // networks averaged: more than 1 for an ensemble
  int embedding_size = 0;
  std::string feature_settings_json = {};  // every log-mel setting, as JSON
  std::string provenance_json = {};        // recipe, data, accuracy, commit, date, as JSON
};

class ESC50_API SoundClassifier {
 public:
  // The model `esc50 classify` uses when given none: $ESC50_MODEL, else models/default.esc50
  // beside the executable (or above it), in share/esc50 of an installation, or in the source
  // tree esc50 was built from. Throws Error listing the places tried.
  static std::filesystem::path default_model_path();

  // An empty path loads default_model_path().
  explicit SoundClassifier(const std::filesystem::path& model_file = {}, const LoadOptions& options = {});
  SoundClassifier(SoundClassifier&&) noexcept;
  SoundClassifier& operator=(SoundClassifier&&) noexcept;
  ~SoundClassifier();

  const ModelDescription& model() const;
  const std::vector<std::string>& classes() const;

  // Any format libsndfile reads (WAV, FLAC, Ogg Vorbis, Opus, MP3, ...), any length, any
  // rate, mixed to mono. Decoded block by block: memory is bounded, not the file's size.
  Classification classify_file(const std::filesystem::path& file, const ClassifyOptions& options = {}) const;
  // An encoded file held in memory; `name` only labels error messages.
  Classification classify_memory(std::span<const std::byte> encoded, std::string_view name,
                                 const ClassifyOptions& options = {}) const;
  // Mono samples in [-1, 1] at `sample_rate` Hz (1000 … 768000).
  Classification classify_waveform(std::span<const float> samples, int sample_rate,
                                   const ClassifyOptions& options = {}) const;

  // The network's penultimate features (model().embedding_size values), per window and averaged;
  // `hop_seconds` as in ClassifyOptions.
  Embedding embed_file(const std::filesystem::path& file, double hop_seconds = 0) const;
  Embedding embed_waveform(std::span<const float> samples, int sample_rate, double hop_seconds = 0) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// The `k` most probable classes of `probabilities`, most probable first (ties: lower index).
ESC50_API std::vector<ClassScore> top_classes(std::span<const float> probabilities,
                                              const std::vector<std::string>& labels, int k);

}  // namespace esc50
