#pragma once
// Classification of a stream: audio in blocks of any size at any sample rate, one window
// result as soon as its window is complete. Memory is bounded by a window, a hop and a block,
// whatever the length of the stream; the windows and their scores equal those of the
// whole-file path (classify_waveform) on the same audio.
#include <cstddef>
#include <deque>
#include <functional>
#include <optional>
#include <span>
#include <vector>

#include "audio/resampler.h"
#include "features/logmel.h"
#include "inference/sound_classifier.h"

namespace esc50::inference {

class StreamClassifier {
 public:
  using WindowCallback = std::function<void(const WindowScore&)>;
  // `input_rate`: the rate of the blocks pushed; they are resampled to the extractor's.
  // Windows are scored `settings.batch` at a time (1 for the lowest latency).
  StreamClassifier(const features::LogMelExtractor& extractor, WindowPredictor predict, int input_rate,
                   const WindowSettings& settings, WindowCallback on_window);
  ~StreamClassifier();

  void push(std::span<const float> mono);
  // The end of the stream: scores the remaining windows (the last one ends at the end).
  void finish();
  // Seconds of audio pushed so far.
  double seconds_pushed() const { return double(input_samples_) / input_rate_; }

 private:
  void append(std::span<const float> resampled);
  void emit_ready(bool final);
  void queue_window(size_t start, double end_s);
  void score_queued();

  const features::LogMelExtractor& extractor_;
  WindowPredictor predict_;
  int input_rate_;
  int rate_;
  size_t window_, hop_, slack_, batch_;
  WindowCallback on_window_;
  std::optional<audio::Resampler> resampler_;
  std::vector<float> resampled_;  // scratch for one block's output
  std::deque<float> buffer_;      // samples from buffer_start_ on
  size_t buffer_start_ = 0;       // stream position of buffer_.front()
  size_t received_ = 0;           // samples at the model's rate
  size_t input_samples_ = 0;
  size_t next_start_ = 0;         // the next regular window
  std::optional<size_t> last_start_;
  std::vector<features::Spectrogram> queued_;
  std::vector<std::pair<double, double>> queued_times_;
  bool finished_ = false;
};

}  // namespace esc50::inference
