#include "inference/stream_classifier.h"

#include <algorithm>
#include <cmath>

#include "common/error.h"
#include "inference/windowing.h"

namespace esc50::inference {

StreamClassifier::StreamClassifier(const features::LogMelExtractor& extractor, WindowPredictor predict,
                                   int input_rate, const WindowSettings& settings, WindowCallback on_window)
    : extractor_(extractor),
      predict_(std::move(predict)),
      input_rate_(input_rate),
      rate_(extractor.settings().sample_rate),
      window_(window_samples(extractor.settings().clip_seconds, rate_)),
      hop_(hop_samples(settings.hop_seconds, window_, rate_)),
      slack_(window_ / kWindowSlackFraction),
      batch_(std::max<size_t>(1, settings.batch)),
      on_window_(std::move(on_window)) {
  if (input_rate <= 0) throw Error("stream: the sample rate must be positive");
  if (window_ == 0) throw Error("model: clip length is zero");
  if (input_rate != rate_) resampler_.emplace(input_rate, rate_);
}

StreamClassifier::~StreamClassifier() = default;

void StreamClassifier::push(std::span<const float> mono) {
  if (finished_) throw Error("stream: push after finish");
  input_samples_ += mono.size();
  if (!resampler_) return append(mono);
  resampled_.clear();
  resampler_->process(mono, resampled_);
  append(resampled_);
}

void StreamClassifier::append(std::span<const float> samples) {
  buffer_.insert(buffer_.end(), samples.begin(), samples.end());
  received_ += samples.size();
  emit_ready(false);
}

// Regular windows start every hop while they end before the stream does; as in
// window_starts(), nothing is scored until the stream is longer than one window plus the slack.
void StreamClassifier::emit_ready(bool final) {
  while (received_ > next_start_ + window_ && received_ > window_ + slack_) {
    queue_window(next_start_, double(next_start_ + window_) / rate_);
    last_start_ = next_start_;
    next_start_ += hop_;
  }
  if (!final) {
    if (queued_.size() >= batch_) score_queued();
    return;
  }
  if (received_ <= window_ + slack_) {
    queue_window(0, double(std::min(received_, window_)) / rate_);
  } else {
    const size_t last = received_ - window_;
    if (!last_start_ || last > *last_start_ + slack_) queue_window(last, double(received_) / rate_);
  }
  score_queued();
}

void StreamClassifier::queue_window(size_t start, double end_s) {
  std::vector<float> samples(window_, 0.0f);  // zero-padded past the end, as fit_length
  const size_t from = start - buffer_start_;
  const size_t count = std::min(window_, buffer_.size() - std::min(from, buffer_.size()));
  std::copy_n(buffer_.begin() + long(from), count, samples.begin());
  queued_.push_back(extractor_.compute(samples));
  queued_times_.emplace_back(double(start) / rate_, end_s);
  // Samples before both the next regular window and the earliest possible last window (which
  // ends where the stream will end, at or after received_) are never needed again.
  const size_t keep_from = std::min(next_start_ + hop_, received_ > window_ ? received_ - window_ : 0);
  if (keep_from > buffer_start_) {
    const size_t drop = std::min(keep_from - buffer_start_, buffer_.size());
    buffer_.erase(buffer_.begin(), buffer_.begin() + long(drop));
    buffer_start_ += drop;
  }
}

void StreamClassifier::score_queued() {
  if (queued_.empty()) return;
  auto probabilities = predict_(queued_);
  if (probabilities.size() != queued_.size())
    throw Error("model: returned " + std::to_string(probabilities.size()) + " predictions for " +
                std::to_string(queued_.size()) + " windows");
  for (size_t i = 0; i < queued_.size(); ++i)
    on_window_({queued_times_[i].first, queued_times_[i].second, std::move(probabilities[i])});
  queued_.clear();
  queued_times_.clear();
}

void StreamClassifier::finish() {
  if (finished_) return;
  finished_ = true;
  if (resampler_) {
    resampled_.clear();
    resampler_->flush(resampled_);
    // The whole-file length, as librosa.resample: ceil(n * to / from).
    const auto total = size_t(std::ceil(double(input_samples_) * rate_ / input_rate_));
    resampled_.resize(total > received_ ? total - received_ : 0, 0.0f);
    buffer_.insert(buffer_.end(), resampled_.begin(), resampled_.end());
    received_ += resampled_.size();
  }
  emit_ready(true);
}

}  // namespace esc50::inference
