#include "audio/audio.h"

#include <sndfile.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <fmt/format.h>
#include <memory>
#include <mutex>

#include "audio/resampler.h"
#include "audio/sndfile_memory.h"
#include "common/error.h"

namespace esc50::audio {
namespace {

using SndFilePtr = std::unique_ptr<SNDFILE, int (*)(SNDFILE*)>;

struct OpenFile {
  SndFilePtr handle{nullptr, sf_close};
  SF_INFO info{};
  std::string name;
};

// libsndfile reports why sf_open failed only through a process-wide error (sf_strerror(NULL)),
// which a parallel open may overwrite: opens are serialised so each failure reads its own.
template <class Open>
SNDFILE* open_or_explain(Open open, std::string& why) {
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  SNDFILE* handle = open();
  if (!handle) why = sf_strerror(nullptr);
  return handle;
}

std::string format_name(const SF_INFO& info) {
  SF_FORMAT_INFO major{}, sub{};
  major.format = info.format & SF_FORMAT_TYPEMASK;
  sub.format = info.format & SF_FORMAT_SUBMASK;
  sf_command(nullptr, SFC_GET_FORMAT_INFO, &major, sizeof major);
  sf_command(nullptr, SFC_GET_FORMAT_INFO, &sub, sizeof sub);
  return fmt::format("{} / {}", major.name ? major.name : "?", sub.name ? sub.name : "?");
}

void check_header(const OpenFile& f, const DecodeOptions& options) {
  const auto& info = f.info;
  if (info.channels <= 0 || info.channels > kMaxChannels)
    fail_file(f.name, fmt::format("unsupported channel count {} (1 to {})", info.channels, kMaxChannels));
  if (info.samplerate < kMinSampleRate || info.samplerate > kMaxSampleRate)
    fail_file(f.name, fmt::format("absurd sample rate {} Hz (expected {} to {} Hz)", info.samplerate,
                                  kMinSampleRate, kMaxSampleRate));
  if (info.frames <= 0) fail_file(f.name, "contains no audio samples");
  double duration = double(info.frames) / info.samplerate;
  if (duration > options.max_duration_s)
    fail_file(f.name, fmt::format("too long: {:.0f} s of audio (limit {:.0f} s)", duration,
                                  options.max_duration_s));
}

OpenFile open_path(const std::filesystem::path& file, const DecodeOptions& options) {
  std::error_code ec;
  if (!std::filesystem::exists(file, ec)) fail_file(file, "file not found");
  if (std::filesystem::is_directory(file, ec)) fail_file(file, "is a directory, not an audio file");
  if (std::filesystem::file_size(file, ec) == 0) fail_file(file, "file is empty");
  OpenFile f;
  f.name = file.string();
  std::string why;
  f.handle.reset(open_or_explain([&] { return sf_open(file.c_str(), SFM_READ, &f.info); }, why));
  if (!f.handle) fail_file(file, fmt::format("not a readable audio file ({})", why));
  check_header(f, options);
  return f;
}

OpenFile open_memory(MemoryFile& memory, const std::string& name, const DecodeOptions& options) {
  if (memory.bytes.empty()) fail_file(name, "file is empty");
  OpenFile f;
  f.name = name;
  std::string why;
  f.handle.reset(open_or_explain([&] { return sf_open_virtual(&memory_file_io(), SFM_READ, &f.info, &memory); }, why));
  if (!f.handle) fail_file(name, fmt::format("not a readable audio file ({})", why));
  check_header(f, options);
  return f;
}

constexpr sf_count_t kBlockFrames = 8192;

// libsndfile scales 16-bit samples to float one at a time (a tenth of a WAV clip's feature
// time); scaled here the loop vectorises, with the same bits: libsndfile also multiplies by
// 1 / 32768.
sf_count_t read_pcm16_block(const OpenFile& f, std::vector<float>& block) {
  thread_local std::vector<short> pcm;
  pcm.resize(block.size());
  const sf_count_t got = std::max<sf_count_t>(0, sf_readf_short(f.handle.get(), pcm.data(), kBlockFrames));
  constexpr float kScale = 1.0f / 32768;
  const auto n = static_cast<size_t>(got * f.info.channels);
  for (size_t i = 0; i < n; ++i) block[i] = float(pcm[i]) * kScale;
  return got;
}

// Reads the next interleaved block into `block` (frames read; 0 at the end); rejects samples
// that are not numbers or far beyond full scale, which float and compressed encodings can hold.
sf_count_t read_block(const OpenFile& f, std::vector<float>& block) {
  block.resize(static_cast<size_t>(kBlockFrames * f.info.channels));
  if ((f.info.format & SF_FORMAT_SUBMASK) == SF_FORMAT_PCM_16) return read_pcm16_block(f, block);
  const sf_count_t got = std::max<sf_count_t>(0, sf_readf_float(f.handle.get(), block.data(), kBlockFrames));
  const auto end = block.begin() + got * f.info.channels;
  if (const auto bad = std::find_if_not(block.begin(), end, [](float x) { return std::abs(x) <= kMaxSampleMagnitude; });
      bad != end)
    fail_file(f.name, fmt::format("sample value {} is not a number or beyond ±{:g} (full scale is ±1)", *bad,
                                  kMaxSampleMagnitude));
  return got;
}

void fail_if_nothing_decoded(const OpenFile& f, sf_count_t total) {
  if (total == 0) fail_file(f.name, "no audio could be decoded (truncated or corrupt data)");
}

// Streams interleaved float blocks to `consume(block, frames)`.
template <class Consume>
sf_count_t read_blocks(const OpenFile& f, Consume consume) {
  thread_local std::vector<float> block;  // reused: decoding runs once per clip per thread
  sf_count_t total = 0;
  while (const sf_count_t got = read_block(f, block)) {
    consume(block.data(), got);
    total += got;
  }
  fail_if_nothing_decoded(f, total);
  return total;
}

// Appends the channel average of `frames` interleaved frames to `mono`.
void append_mono(const float* block, sf_count_t frames, int channels, std::vector<float>& mono) {
  if (channels == 1) {
    mono.insert(mono.end(), block, block + frames);
    return;
  }
  for (sf_count_t i = 0; i < frames; ++i) {
    float sum = 0;
    for (int c = 0; c < channels; ++c) sum += block[i * channels + c];
    mono.push_back(sum / channels);
  }
}

Waveform decode_open(const OpenFile& f, int sample_rate) {
  Waveform wave;
  const int file_rate = f.info.samplerate;
  wave.sample_rate = sample_rate > 0 ? sample_rate : file_rate;
  // The header's length bounds the output (check_header limited it): an upload that claims more
  // than it holds costs no more than its claim.
  wave.samples.reserve(static_cast<size_t>(std::ceil(double(f.info.frames) * wave.sample_rate / file_rate)));
  if (wave.sample_rate == file_rate) {
    read_blocks(f, [&](const float* block, sf_count_t frames) {
      append_mono(block, frames, f.info.channels, wave.samples);
    });
    return wave;
  }
  SignalResampler resampler(file_rate, wave.sample_rate);
  thread_local std::vector<float> mono;
  read_blocks(f, [&](const float* block, sf_count_t frames) {
    mono.clear();
    append_mono(block, frames, f.info.channels, mono);
    resampler.add(mono, wave.samples);
  });
  resampler.finish(wave.samples);
  return wave;
}

void check_target_rate(const std::string& name, const DecodeOptions& options) {
  if (options.sample_rate != 0 && (options.sample_rate < kMinSampleRate || options.sample_rate > kMaxSampleRate))
    fail_file(name, fmt::format("cannot resample to {} Hz (expected {} to {} Hz)", options.sample_rate,
                                kMinSampleRate, kMaxSampleRate));
}

}  // namespace

AudioInfo probe(const std::filesystem::path& file, const DecodeOptions& options) {
  auto f = open_path(file, options);
  AudioInfo info;
  info.format = format_name(f.info);
  info.sample_rate = f.info.samplerate;
  info.channels = f.info.channels;
  double sum_squares = 0;
  const int channels = f.info.channels;
  info.frames = read_blocks(f, [&](const float* block, sf_count_t frames) {
    for (sf_count_t i = 0; i < frames * channels; ++i) {
      info.peak = std::max(info.peak, std::abs(block[i]));
      sum_squares += double(block[i]) * block[i];
    }
  });
  info.duration_s = double(info.frames) / info.sample_rate;
  info.rms = static_cast<float>(std::sqrt(sum_squares / double(info.frames * channels)));
  return info;
}

Waveform decode_mono(const std::filesystem::path& file, const DecodeOptions& options) {
  check_target_rate(file.string(), options);
  return decode_open(open_path(file, options), options.sample_rate);
}

Waveform decode_mono(std::span<const std::byte> bytes, const std::string& name,
                     const DecodeOptions& options) {
  check_target_rate(name, options);
  MemoryFile memory{std::string(reinterpret_cast<const char*>(bytes.data()), bytes.size())};
  return decode_open(open_memory(memory, name, options), options.sample_rate);
}

struct MonoStream::Impl {
  OpenFile file;
  std::vector<float> interleaved, mono;
  sf_count_t total = 0;
};

MonoStream::MonoStream(const std::filesystem::path& file)
    : impl_(std::make_unique<Impl>(Impl{open_path(file, {.max_duration_s = std::numeric_limits<double>::infinity()}), {}, {}, 0})) {}
MonoStream::MonoStream(MonoStream&&) noexcept = default;
MonoStream::~MonoStream() = default;

int MonoStream::sample_rate() const { return impl_->file.info.samplerate; }
double MonoStream::duration_s() const { return double(impl_->file.info.frames) / impl_->file.info.samplerate; }

std::span<const float> MonoStream::next() {
  auto& d = *impl_;
  const sf_count_t got = read_block(d.file, d.interleaved);
  d.total += got;
  if (got == 0) fail_if_nothing_decoded(d.file, d.total);
  d.mono.clear();
  append_mono(d.interleaved.data(), got, d.file.info.channels, d.mono);
  return d.mono;
}

Waveform prepare_clip(Waveform decoded, const ClipOptions& options) {
  Waveform out;
  out.sample_rate = options.sample_rate;
  out.samples = decoded.sample_rate == options.sample_rate
                    ? std::move(decoded.samples)
                    : resample(decoded.samples, decoded.sample_rate, options.sample_rate);
  if (options.duration_s > 0)
    fit_length(out.samples, static_cast<size_t>(std::llround(options.duration_s * options.sample_rate)));
  return out;
}

Waveform load_clip(const std::filesystem::path& file, const ClipOptions& options) {
  auto decode = options.decode;
  decode.sample_rate = options.sample_rate;
  return prepare_clip(decode_mono(file, decode), options);
}

}  // namespace esc50::audio
