#include <fmt/format.h>

#include <cmath>

#include "audio/audio.h"
#include "audio/audio_files.h"
#include "common/atomic_file.h"
#include "test_support.h"

namespace esc50::audio {
namespace {

struct FormatCase {
  const char* name;
  int format;
  float tolerance;
};

class DecodeFormats : public ::testing::TestWithParam<FormatCase> {};

TEST_P(DecodeFormats, DecodesToTheWrittenSignal) {
  test::TempDir tmp;
  auto c = GetParam();
  auto signal = test::sine_wave(440, 22050, 22050);
  auto file = tmp / (std::string(c.name) + ((c.format & SF_FORMAT_TYPEMASK) == SF_FORMAT_FLAC  ? ".flac"
                                            : (c.format & SF_FORMAT_TYPEMASK) == SF_FORMAT_OGG ? ".ogg"
                                                                                               : ".wav"));
  test::write_audio(file, c.format, 22050, 1, signal);
  auto wave = decode_mono(file);
  EXPECT_EQ(wave.sample_rate, 22050);
  ASSERT_NEAR(double(wave.samples.size()), double(signal.size()), 0);
  double worst = 0;
  for (size_t i = 0; i < signal.size(); ++i) worst = std::max(worst, double(std::abs(wave.samples[i] - signal[i])));
  EXPECT_LE(worst, c.tolerance);
}

INSTANTIATE_TEST_SUITE_P(
    AllFormats, DecodeFormats,
    ::testing::Values(FormatCase{"pcm_u8", SF_FORMAT_WAV | SF_FORMAT_PCM_U8, 1e-2f},
                      FormatCase{"pcm16", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 1e-4f},
                      FormatCase{"pcm24", SF_FORMAT_WAV | SF_FORMAT_PCM_24, 1e-6f},
                      FormatCase{"pcm32", SF_FORMAT_WAV | SF_FORMAT_PCM_32, 1e-6f},
                      FormatCase{"float", SF_FORMAT_WAV | SF_FORMAT_FLOAT, 0},
                      FormatCase{"flac16", SF_FORMAT_FLAC | SF_FORMAT_PCM_16, 1e-4f}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(Decode, OggVorbisDecodesWithTheRightRateAndLength) {
  test::TempDir tmp;
  test::write_audio(tmp / "a.ogg", SF_FORMAT_OGG | SF_FORMAT_VORBIS, 44100, 1,
                    test::sine_wave(440, 44100, 44100));
  auto wave = decode_mono(tmp / "a.ogg");
  EXPECT_EQ(wave.sample_rate, 44100);
  EXPECT_NEAR(double(wave.samples.size()), 44100, 64);
}

TEST(Decode, StereoIsDownmixedToTheChannelMean) {
  test::TempDir tmp;
  std::vector<float> stereo;
  for (int i = 0; i < 1000; ++i) {
    stereo.push_back(0.5f);
    stereo.push_back(-0.25f);
  }
  test::write_audio(tmp / "s.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, 22050, 2, stereo);
  auto wave = decode_mono(tmp / "s.wav");
  ASSERT_EQ(wave.samples.size(), 1000u);
  EXPECT_FLOAT_EQ(wave.samples[10], 0.125f);
}

// 16-bit PCM is read as integers and scaled by esc50 itself: every value must come out as
// libsndfile's own float conversion gives it, in mono and through the stereo mixdown.
TEST(Decode, SixteenBitPcmDecodesToLibsndfilesFloatsExactly) {
  test::TempDir tmp;
  for (int channels : {1, 2}) {
    std::vector<float> ramp;  // every 16-bit value, both extremes included, 1.5 blocks long
    for (int v = -32768; v <= 32767; v += 3) ramp.push_back(float(v) / 32768);
    ramp.push_back(32767.0f / 32768);
    ramp.resize(ramp.size() - ramp.size() % channels);
    const auto file = tmp / fmt::format("ramp{}.wav", channels);
    test::write_audio(file, SF_FORMAT_WAV | SF_FORMAT_PCM_16, 22050, channels, ramp);
    SF_INFO info{};
    SNDFILE* f = sf_open(file.c_str(), SFM_READ, &info);
    ASSERT_NE(f, nullptr);
    std::vector<float> expected(size_t(info.frames * channels));
    ASSERT_EQ(sf_readf_float(f, expected.data(), info.frames), info.frames);
    sf_close(f);
    std::vector<float> mono;
    for (size_t i = 0; i < expected.size(); i += size_t(channels)) {
      float sum = 0;
      for (int c = 0; c < channels; ++c) sum += expected[i + size_t(c)];
      mono.push_back(sum / float(channels));
    }
    EXPECT_EQ(decode_mono(file).samples, mono) << channels << " channels";
  }
}

TEST(Decode, MemoryDecodingEqualsFileDecoding) {
  test::TempDir tmp;
  test::write_audio(tmp / "m.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 16000, 1, test::sine_wave(300, 16000, 8000));
  auto bytes = read_file(tmp / "m.wav");
  auto from_memory = decode_mono(std::as_bytes(std::span(bytes.data(), bytes.size())), "upload.wav");
  EXPECT_EQ(from_memory.samples, decode_mono(tmp / "m.wav").samples);
}

TEST(Decode, LoadClipResamplesAndFitsTheLength) {
  test::TempDir tmp;
  test::write_audio(tmp / "c.wav", SF_FORMAT_WAV | SF_FORMAT_PCM_16, 48000, 1, test::sine_wave(440, 48000, 48000 * 3));
  auto wave = load_clip(tmp / "c.wav", {.sample_rate = 22050, .duration_s = 5.0});
  EXPECT_EQ(wave.sample_rate, 22050);
  ASSERT_EQ(wave.samples.size(), 110250u);
  EXPECT_EQ(wave.samples.back(), 0.0f);  // zero padding after the 3 s of audio
  auto cropped = load_clip(tmp / "c.wav", {.sample_rate = 22050, .duration_s = 1.0});
  EXPECT_EQ(cropped.samples.size(), 22050u);
}

TEST(Decode, ResamplingWhileDecodingEqualsDecodingThenResampling) {
  test::TempDir tmp;
  std::vector<float> stereo(2 * 192000 * 3 / 2);
  for (size_t i = 0; i < stereo.size(); ++i) stereo[i] = 0.4f * std::sin(0.001f * float(i * i % 100003));
  test::write_audio(tmp / "hi.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, 192000, 2, stereo);
  const auto at_own_rate = decode_mono(tmp / "hi.wav");
  const auto expected = resample(at_own_rate.samples, 192000, 22050);
  const auto streamed = decode_mono(tmp / "hi.wav", {.sample_rate = 22050});
  EXPECT_EQ(streamed.sample_rate, 22050);
  EXPECT_EQ(streamed.samples, expected);
  auto bytes = read_file(tmp / "hi.wav");
  EXPECT_EQ(decode_mono(std::as_bytes(std::span(bytes.data(), bytes.size())), "upload.wav", {.sample_rate = 22050}).samples,
            expected);
  EXPECT_EQ(decode_mono(tmp / "hi.wav", {.sample_rate = 192000}).samples, at_own_rate.samples);
  try {
    decode_mono(tmp / "hi.wav", {.sample_rate = 5});
    ADD_FAILURE() << "a target rate of 5 Hz was accepted";
  } catch (const std::exception& e) {
    const std::string message = e.what();
    EXPECT_NE(message.find("hi.wav"), std::string::npos) << message;
    EXPECT_NE(message.find("5 Hz"), std::string::npos) << message;
  }
}

TEST(Decode, ProbeReportsFormatLevelsAndDuration) {
  test::TempDir tmp;
  test::write_audio(tmp / "p.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, 8000, 2, std::vector<float>(16000, 0.5f));
  auto info = probe(tmp / "p.wav");
  EXPECT_EQ(info.channels, 2);
  EXPECT_EQ(info.sample_rate, 8000);
  EXPECT_DOUBLE_EQ(info.duration_s, 1.0);
  EXPECT_FLOAT_EQ(info.peak, 0.5f);
  EXPECT_NEAR(info.rms, 0.5f, 1e-6);
  EXPECT_NE(info.format.find("WAV"), std::string::npos);
}

TEST(Decode, WavWriterRoundTrips) {
  test::TempDir tmp;
  Waveform w{test::sine_wave(440, 22050, 2205), 22050};
  write_wav(tmp / "w.wav", w);
  auto back = decode_mono(tmp / "w.wav");
  ASSERT_EQ(back.samples.size(), w.samples.size());
  for (size_t i = 0; i < w.samples.size(); ++i) ASSERT_NEAR(back.samples[i], w.samples[i], 1e-4);
}

TEST(Decode, RealEsc50ClipsDecodeIncludingStereoAnd48k) {
  ESC50_REQUIRE_DATASET();
  auto audio = test::esc50_dir() / "audio";
  int decoded = 0;
  for (const auto& entry : std::filesystem::directory_iterator(audio)) {
    auto wave = load_clip(entry.path(), {});
    ASSERT_EQ(wave.samples.size(), 110250u) << entry.path();
    if (++decoded == 5) break;
  }
  EXPECT_EQ(decoded, 5);
}

}  // namespace
}  // namespace esc50::audio
