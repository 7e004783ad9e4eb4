#include <sndfile.h>

#include <algorithm>
#include <memory>

#include "audio/audio.h"
#include "audio/sndfile_memory.h"
#include "common/atomic_file.h"
#include "common/error.h"

namespace esc50::audio {

std::string encode_wav(const Waveform& wave) {
  if (wave.sample_rate < kMinSampleRate || wave.sample_rate > kMaxSampleRate)
    throw Error("encode_wav: invalid sample rate " + std::to_string(wave.sample_rate));
  SF_INFO info{};
  info.samplerate = wave.sample_rate;
  info.channels = 1;
  info.format = SF_FORMAT_WAV | SF_FORMAT_PCM_16;
  MemoryFile memory;
  std::unique_ptr<SNDFILE, int (*)(SNDFILE*)> handle(
      sf_open_virtual(&memory_file_io(), SFM_WRITE, &info, &memory), sf_close);
  if (!handle) throw Error(std::string("encode_wav: ") + sf_strerror(nullptr));
  // Clip rather than wrap around when augmentation pushed samples past full scale.
  sf_command(handle.get(), SFC_SET_CLIPPING, nullptr, SF_TRUE);
  sf_writef_float(handle.get(), wave.samples.data(), static_cast<sf_count_t>(wave.samples.size()));
  handle.reset();
  return std::move(memory.bytes);
}

void write_wav(const std::filesystem::path& file, const Waveform& wave) {
  write_file_atomic(file, encode_wav(wave));
}

}  // namespace esc50::audio
