#pragma once
// A streaming libsoxr HQ resampler: feed blocks of any size, then flush; reusable after
// reset() without reallocating. resample() in audio.h keeps one per thread for each of the
// few rate pairs it used last.
#include <memory>
#include <span>
#include <vector>

namespace esc50::audio {

class Resampler {
 public:
  Resampler(int from_rate, int to_rate);
  Resampler(Resampler&&) noexcept;
  Resampler& operator=(Resampler&&) noexcept;
  ~Resampler();

  int from_rate() const { return from_rate_; }
  int to_rate() const { return to_rate_; }
  // Appends the output that `input` completes to `out`.
  void process(std::span<const float> input, std::vector<float>& out);
  // Appends the remaining output (the filter's tail) to `out`.
  void flush(std::vector<float>& out);
  // Ready for a new, unrelated signal.
  void reset();

 private:
  void drain(const float* input, size_t length, std::vector<float>& out);
  struct Soxr;
  int from_rate_, to_rate_;
  std::unique_ptr<Soxr> soxr_;
};

// How many resamplers resample() keeps for the calling thread (a small bound).
size_t resamplers_kept_by_this_thread();

}  // namespace esc50::audio
