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

// Resamples one signal fed block by block (decoding, so that a file never sits in memory at its
// own rate), on the calling thread's kept resampler for the rate pair; the output equals
// resample() of the whole signal. Not shared between threads.
class SignalResampler {
 public:
  SignalResampler(int from_rate, int to_rate);
  SignalResampler(const SignalResampler&) = delete;
  SignalResampler& operator=(const SignalResampler&) = delete;
  ~SignalResampler();  // the thread keeps the resampler, cleared, for its next signal

  // Appends the output that `input` completes to `out`.
  void add(std::span<const float> input, std::vector<float>& out);
  // Appends the rest; `out` must hold this signal's output alone, which it then cuts or pads
  // to librosa.resample's length, ceil(n · to / from).
  void finish(std::vector<float>& out);

 private:
  Resampler resampler_;
  size_t input_length_ = 0;
  bool healthy_ = true;  // false after a libsoxr failure: the resampler is not kept
};

// How many resamplers resample() keeps for the calling thread (a small bound).
size_t resamplers_kept_by_this_thread();

}  // namespace esc50::audio
