#pragma once
// Audio input: decoding (libsndfile), mono downmix, resampling (libsoxr), length fitting.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace esc50::audio {

struct Waveform {
  std::vector<float> samples;  // mono, nominally in [-1, 1]
  int sample_rate = 0;
  double duration_s() const { return sample_rate ? double(samples.size()) / sample_rate : 0.0; }
};

struct AudioInfo {
  std::string format;  // e.g. "WAV (Microsoft) / Signed 16 bit PCM"
  int sample_rate = 0;
  int channels = 0;
  int64_t frames = 0;
  double duration_s = 0;
  float peak = 0;  // max |sample| over all channels
  float rms = 0;   // over all channels
};

// Sanity limits on input; anything outside them is rejected with a message, not decoded.
constexpr int kMinSampleRate = 1000;
constexpr int kMaxSampleRate = 768000;
// The largest sample magnitude accepted. Features do not depend on scale (decibels relative to
// the clip's maximum), so float files at integer scale (±32768) are fine; far larger samples
// overflow the spectrogram's powers into infinities and the network's output into NaN.
constexpr float kMaxSampleMagnitude = 1e9f;
constexpr int kMaxChannels = 64;
constexpr double kDefaultMaxDurationS = 600.0;

// True for extensions libsndfile decodes (wav, flac, ogg, opus, aiff, mp3, ...): how folders
// of audio are searched.
bool has_audio_extension(const std::filesystem::path& file);

struct DecodeOptions {
  double max_duration_s = kDefaultMaxDurationS;  // longer files are an error
  // Resampled while decoding, block by block, so that a file at a very high rate never sits in
  // memory at its own rate (120 s at 655 kHz would be 0.3 GB); 0 keeps the file's rate.
  int sample_rate = 0;
};

AudioInfo probe(const std::filesystem::path& file,
                const DecodeOptions& options = {});
// Decodes any format libsndfile reads and averages the channels. Throws Error "<file>: ..."
// for missing, empty, truncated, non-audio, absurd or non-finite input.
Waveform decode_mono(const std::filesystem::path& file, const DecodeOptions& options = {});
// The same for bytes in memory (uploads); `name` is used in messages.
Waveform decode_mono(std::span<const std::byte> bytes, const std::string& name,
                     const DecodeOptions& options = {});

// A file's audio, downmixed to mono, read block by block with no length limit (the whole-file
// decoders above refuse files over DecodeOptions::max_duration_s). Same checks and messages.
class MonoStream {
 public:
  explicit MonoStream(const std::filesystem::path& file);
  MonoStream(MonoStream&&) noexcept;
  ~MonoStream();
  int sample_rate() const;
  double duration_s() const;  // from the header
  // The next block of mono samples (valid until the next call); empty at the end.
  std::span<const float> next();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// High-quality resampling (soxr HQ, as librosa's default 'soxr_hq').
std::vector<float> resample(std::span<const float> samples, int from_rate, int to_rate);
// Zero-pads at the end or crops to exactly `length` samples.
void fit_length(std::vector<float>& samples, size_t length);

struct ClipOptions {
  int sample_rate = 22050;
  double duration_s = 5.0;  // 0 keeps the decoded length
  DecodeOptions decode = {};
};
// decode → mono → resample → pad/crop: the waveform every later stage consumes.
Waveform load_clip(const std::filesystem::path& file, const ClipOptions& options);
Waveform prepare_clip(Waveform decoded, const ClipOptions& options);

// 16-bit PCM WAV, written atomically.
void write_wav(const std::filesystem::path& file, const Waveform& wave);
std::string encode_wav(const Waveform& wave);

}  // namespace esc50::audio
