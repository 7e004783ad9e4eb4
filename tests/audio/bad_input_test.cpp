// Every kind of bad input gets one clear message naming the file and the problem.
#include <cmath>
#include <cstdint>
#include <fstream>
#include <limits>

#include "audio/audio.h"
#include "audio/audio_files.h"
#include "common/error.h"
#include "common/parallel.h"
#include "test_support.h"

namespace esc50::audio {
namespace {

void put_u32(std::string& s, uint32_t v) {
  for (int i = 0; i < 4; ++i) s += static_cast<char>((v >> (8 * i)) & 0xff);
}
void put_u16(std::string& s, uint16_t v) {
  s += static_cast<char>(v & 0xff);
  s += static_cast<char>(v >> 8);
}

// A canonical PCM WAV header with the given fields, followed by `data_bytes` of zeros.
std::string wav_bytes(uint16_t channels, uint32_t rate, uint16_t bits, uint32_t data_bytes) {
  std::string s = "RIFF";
  put_u32(s, 36 + data_bytes);
  s += "WAVEfmt ";
  put_u32(s, 16);
  put_u16(s, 1);
  put_u16(s, channels);
  put_u32(s, rate);
  put_u32(s, rate * channels * bits / 8);
  put_u16(s, static_cast<uint16_t>(channels * bits / 8));
  put_u16(s, bits);
  s += "data";
  put_u32(s, data_bytes);
  s.append(data_bytes, '\0');
  return s;
}

void write_bytes(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary) << bytes;
}

// Decoding must throw esc50::Error whose message names the file and contains `problem`.
void expect_rejected(const std::filesystem::path& file, const std::string& problem) {
  try {
    decode_mono(file);
    ADD_FAILURE() << file << " was accepted";
  } catch (const Error& e) {
    std::string message = e.what();
    EXPECT_NE(message.find(file.string()), std::string::npos) << message;
    EXPECT_NE(message.find(problem), std::string::npos) << message;
  }
}

TEST(BadInput, MissingFile) {
  test::TempDir tmp;
  expect_rejected(tmp / "nope.wav", "not found");
}

TEST(BadInput, EmptyFile) {
  test::TempDir tmp;
  write_bytes(tmp / "empty.wav", "");
  expect_rejected(tmp / "empty.wav", "empty");
}

TEST(BadInput, Directory) {
  test::TempDir tmp;
  expect_rejected(tmp.path(), "directory");
}

struct MalformedCase {
  const char* file;
  std::string bytes;
  const char* problem;
};

TEST(BadInput, MalformedFilesNameTheirProblem) {
  test::TempDir tmp;
  const MalformedCase cases[] = {
      {"truncated_header.wav", wav_bytes(1, 22050, 16, 1000).substr(0, 20), "not a readable audio file"},
      {"text.wav", std::string(4096, 'x') + "this is a text file\n", "not a readable audio file"},
      {"zero_channels.wav", wav_bytes(0, 22050, 16, 1000), "Channel count"},
      {"rate_3hz.wav", wav_bytes(1, 3, 16, 1000), "sample rate"},
      {"rate_2ghz.wav", wav_bytes(1, 2000000000u, 16, 1000), "sample rate"},
      {"header_only.wav", wav_bytes(1, 22050, 16, 0), "no audio"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.file);
    write_bytes(tmp / c.file, c.bytes);
    expect_rejected(tmp / c.file, c.problem);
  }
}

// libsndfile words an open failure through one process-wide error: decoding in parallel must
// still give each file its own reason.
TEST(BadInput, ParallelFailuresEachNameTheirOwnReason) {
  test::TempDir tmp;
  write_bytes(tmp / "zero_channels.wav", wav_bytes(0, 22050, 16, 1000));
  write_bytes(tmp / "text.wav", std::string(4096, 'x'));
  std::string text_reason;
  try {
    decode_mono(tmp / "text.wav");
  } catch (const Error& e) {
    text_reason = e.what();
    text_reason = text_reason.substr(text_reason.find('('));
  }
  ASSERT_EQ(text_reason.find("Channel count"), std::string::npos) << text_reason;
  constexpr size_t kDecodes = 400;
  std::vector<std::string> messages(kDecodes);
  parallel_for(kDecodes, 4, [&](size_t i) {
    try {
      decode_mono(tmp / (i % 2 ? "text.wav" : "zero_channels.wav"));
    } catch (const Error& e) {
      messages[i] = e.what();
    }
  });
  for (size_t i = 0; i < kDecodes; ++i) {
    if (i % 2)
      EXPECT_NE(messages[i].find(text_reason), std::string::npos) << messages[i];
    else
      EXPECT_NE(messages[i].find("Channel count"), std::string::npos) << messages[i];
  }
}

// Huge finite samples overflow the spectrogram into NaN probabilities, so they go too.
TEST(BadInput, NanInfAndHugeSamplesInFloatFiles) {
  test::TempDir tmp;
  auto x = test::sine_wave(440, 22050, 2000);
  for (const float bad : {std::numeric_limits<float>::quiet_NaN(), std::numeric_limits<float>::infinity(), 1e30f}) {
    x[1000] = bad;
    test::write_audio(tmp / "bad.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, 22050, 1, x);
    expect_rejected(tmp / "bad.wav", "is not a number or beyond ±1e+09");
  }
  x[1000] = 0.5f;
  for (auto& v : x) v *= 32767;  // floats at 16-bit scale, a common mistake: still audio
  test::write_audio(tmp / "int-scale.wav", SF_FORMAT_WAV | SF_FORMAT_FLOAT, 22050, 1, x);
  EXPECT_NO_THROW(audio::decode_mono(tmp / "int-scale.wav"));
}

TEST(BadInput, TwoHourFileIsRefusedBeforeDecoding) {
  test::TempDir tmp;
  // 2 h of 8-bit audio at 2 kHz: a real 14 MB file, small enough for a test.
  write_bytes(tmp / "long.wav", wav_bytes(1, 2000, 8, 2000 * 7200));
  expect_rejected(tmp / "long.wav", "too long");
}

TEST(BadInput, CorruptUploadInMemory) {
  std::string junk = "RIFF\x10\0\0\0WAVEjunk";
  try {
    decode_mono(std::as_bytes(std::span(junk.data(), junk.size())), "upload.wav");
    FAIL() << "junk upload accepted";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("upload.wav"), std::string::npos);
  }
}

// The CLI turns the same problems into one line on stderr and a non-zero exit.
TEST(BadInput, CliExitsNonZeroWithOneClearLine) {
  auto cli = test::cli_path();
  test::TempDir tmp;
  write_bytes(tmp / "text.wav", "hello");
  auto out = tmp / "stderr.txt";
  std::string command = cli.string() + " info '" + (tmp / "text.wav").string() + "' 2> '" + out.string() + "'";
  int status = std::system(command.c_str());
  EXPECT_NE(status, 0);
  std::ifstream in(out);
  std::string line;
  std::getline(in, line);
  EXPECT_NE(line.find("text.wav"), std::string::npos) << line;
  EXPECT_EQ(line.rfind("esc50: error:", 0), 0u) << line;
}

}  // namespace
}  // namespace esc50::audio
