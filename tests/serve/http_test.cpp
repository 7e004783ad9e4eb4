// The server on a loopback port in-process, driven by an HTTP client: good and hostile input.
#include <httplib.h>

#include <cmath>
#include <fstream>
#include <numbers>
#include <sstream>
#include <thread>

#include "audio/audio.h"
#include "serve/server.h"
#include "test_support.h"
#include "tiny_model.h"

namespace esc50::serve {
namespace {

std::string tone_wav(double seconds, int rate = 44100) {
  audio::Waveform wave{std::vector<float>(size_t(seconds * rate)), rate};
  for (size_t i = 0; i < wave.samples.size(); ++i)
    wave.samples[i] = 0.3f * float(std::sin(2 * std::numbers::pi * 440.0 * double(i) / rate));
  return audio::encode_wav(wave);
}

class HttpTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir;
    model_ = new SoundClassifier(test::write_tiny_model(*dir_ / "tiny.esc50"));
    std::filesystem::create_directories(*dir_ / "runs/run-a");
    std::ofstream(*dir_ / "runs/run-a/config.json") << R"({"model": "tinycnn", "fold": 1})";
    std::ofstream(*dir_ / "runs/run-a/final.json") << R"({"epochs": 1, "seconds": 2, "test_acc": 0.5})";
    ServerSettings settings;
    settings.port = 0;
    settings.max_upload_mb = 1;
    settings.timeout_s = 2;
    settings.runs = (*dir_ / "runs").string();
    server_ = new Server(*model_, settings);
    port_ = server_->bind();
    thread_ = new std::thread([] { server_->run(); });
  }
  static void TearDownTestSuite() {
    server_->stop();
    thread_->join();
    delete thread_;
    delete server_;
    delete model_;
    delete dir_;
  }
  httplib::Client client() const {
    httplib::Client c("127.0.0.1", port_);
    c.set_read_timeout(60);
    return c;
  }
  static nlohmann::json json_of(const httplib::Result& r) { return nlohmann::json::parse(r->body); }

  static inline test::TempDir* dir_ = nullptr;
  static inline SoundClassifier* model_ = nullptr;
  static inline Server* server_ = nullptr;
  static inline std::thread* thread_ = nullptr;
  static inline int port_ = 0;
};

TEST_F(HttpTest, HealthzAnswers) {
  auto r = client().Get("/healthz");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 200);
  EXPECT_EQ(json_of(r)["status"], "ok");
  EXPECT_EQ(json_of(r)["classes"], 50);
}

TEST_F(HttpTest, ClassifiesARawAudioBody) {
  auto r = client().Post("/api/classify?top=3", tone_wav(5.0), "audio/wav");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const auto j = json_of(r);
  EXPECT_EQ(j["top"].size(), 3u);
  EXPECT_EQ(j["probabilities"].size(), 50u);
  EXPECT_EQ(j["class_names"].size(), 50u);
  double sum = 0;
  for (double p : j["probabilities"]) sum += p;
  EXPECT_NEAR(sum, 1.0, 1e-3);
  EXPECT_NEAR(j["duration_s"].get<double>(), 5.0, 1e-3);
  EXPECT_GE(j["top"][0]["probability"].get<double>(), j["top"][1]["probability"].get<double>());
}

TEST_F(HttpTest, ClassifiesAMultipartUploadOfAnyLength) {
  httplib::MultipartFormDataItems items = {{"file", tone_wav(12.0, 22050), "long.wav", "audio/wav"}};
  auto r = client().Post("/api/classify", items);
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const auto j = json_of(r);
  EXPECT_EQ(j["file"], "long.wav");
  EXPECT_EQ(j["top"].size(), 5u);
  EXPECT_EQ(j["windows"].size(), 4u);  // 0, 2.5, 5, 7 s
}

TEST_F(HttpTest, APlainAnswerCarriesAPageOfWindowsAndTheEvents) {
  auto r = client().Post("/api/classify?max_windows=2", tone_wav(12.0, 22050), "audio/wav");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  const auto j = json_of(r);
  EXPECT_EQ(j["windows"].size(), 2u);
  EXPECT_EQ(j["windows_total"], 4);
  EXPECT_TRUE(j["events"].is_array());
}

// ?stream=1: one line per window as it is scored, then the result; the same windows and
// probabilities as the plain answer.
TEST_F(HttpTest, AStreamedAnswerSendsEveryWindowThenTheResult) {
  const auto wav = tone_wav(12.0, 22050);
  auto plain = client().Post("/api/classify", wav, "audio/wav");
  auto streamed = client().Post("/api/classify?stream=1", wav, "audio/wav");
  ASSERT_TRUE(plain && streamed);
  ASSERT_EQ(streamed->status, 200) << streamed->body;
  EXPECT_EQ(streamed->get_header_value("Content-Type"), "application/x-ndjson");
  std::vector<nlohmann::json> lines;
  std::istringstream body(streamed->body);
  for (std::string line; std::getline(body, line);) lines.push_back(nlohmann::json::parse(line));
  const auto expected = json_of(plain);
  ASSERT_EQ(lines.size(), expected["windows"].size() + 1);
  for (size_t i = 0; i + 1 < lines.size(); ++i) EXPECT_EQ(lines[i]["window"], expected["windows"][i]) << i;
  auto result = lines.back()["result"];
  EXPECT_EQ(result["probabilities"], expected["probabilities"]);
  EXPECT_EQ(result["events"], expected["events"]);
  EXPECT_EQ(result["windows_total"], 4);
  EXPECT_FALSE(result.contains("windows"));
}

TEST_F(HttpTest, AStreamedAnswerOfBadAudioIsAPlain400) {
  auto r = client().Post("/api/classify?stream=1", "not audio at all", "audio/wav");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(json_of(r)["error"].get<std::string>().find("upload"), std::string::npos) << r->body;
}

// What curl --data-binary (form-urlencoded), Python requests (none, or octet-stream), fetch
// with a Blob (the file's type) and hand-written clients send: all are the audio itself.
TEST_F(HttpTest, ARawBodyIsAudioWhateverItsContentType) {
  const auto wav = tone_wav(5.0, 22050);  // 220 KB: far above cpp-httplib's 8 KB form limit
  for (const char* type : {"application/x-www-form-urlencoded", "application/octet-stream", "audio/wav",
                           "audio/x-wav", "text/plain", ""}) {
    auto r = client().Post("/api/classify", wav, type);
    ASSERT_TRUE(r) << type;
    EXPECT_EQ(r->status, 200) << "Content-Type '" << type << "': " << r->body;
  }
}

TEST_F(HttpTest, OversizedUploadIs413) {
  for (const char* type : {"audio/wav", "application/x-www-form-urlencoded"}) {
    auto r = client().Post("/api/classify", std::string(3 * 1024 * 1024, 'x'), type);
    ASSERT_TRUE(r) << "the server must answer, not drop the connection";
    EXPECT_EQ(r->status, 413);
    EXPECT_NE(json_of(r)["error"].get<std::string>().find("limit of 1"), std::string::npos) << r->body;
  }
}

// cpp-httplib holds only bodies with a Content-Length to its limit.
TEST_F(HttpTest, ChunkedAndCompressedBodiesAreHeldToTheLimitToo) {
  const std::string block(64 * 1024, 'x');
  auto chunked = client().Post(
      "/api/classify",
      [&](size_t offset, httplib::DataSink& sink) {
        if (offset >= (3u << 20)) {
          sink.done();
          return true;
        }
        return sink.write(block.data(), block.size());
      },
      "audio/wav");
  ASSERT_TRUE(chunked) << "the server must answer, not drop the connection";
  EXPECT_EQ(chunked->status, 413) << chunked->body;
  auto compressing = client();
  compressing.set_compress(true);  // 3 MB of zeros are a few KB on the wire
  auto gzip = compressing.Post("/api/classify", std::string(3u << 20, '\0'), "audio/wav");
  ASSERT_TRUE(gzip);
  EXPECT_EQ(gzip->status, 413) << gzip->body;
  EXPECT_NE(json_of(gzip)["error"].get<std::string>().find("limit of 1"), std::string::npos) << gzip->body;
  auto elsewhere = compressing.Put("/api/nothing", std::string(3u << 20, '\0'), "audio/wav");
  ASSERT_TRUE(elsewhere);
  EXPECT_EQ(elsewhere->status, 413) << "any path, any method with a body\n" << elsewhere->body;
  auto small = client().Post("/api/nothing", "abc", "text/plain");
  ASSERT_TRUE(small);
  EXPECT_EQ(small->status, 404) << small->body;
}

TEST_F(HttpTest, NonAudioIs400WithAMessage) {
  auto r = client().Post("/api/classify", "this is not audio at all", "application/octet-stream");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400);
  EXPECT_NE(json_of(r)["error"].get<std::string>().find("upload"), std::string::npos) << r->body;
}

TEST_F(HttpTest, TruncatedAudioIs400) {
  const auto wav = tone_wav(1.0);
  auto r = client().Post("/api/classify", wav.substr(0, 40), "audio/wav");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 400) << r->body;
}

TEST_F(HttpTest, EmptyBodyAndBadParametersAre400) {
  auto empty = client().Post("/api/classify", "", "audio/wav");
  ASSERT_TRUE(empty);
  EXPECT_EQ(empty->status, 400);
  auto bad_top = client().Post("/api/classify?top=0", tone_wav(1.0), "audio/wav");
  ASSERT_TRUE(bad_top);
  EXPECT_EQ(bad_top->status, 400);
  EXPECT_NE(json_of(bad_top)["error"].get<std::string>().find("top"), std::string::npos);
}

TEST_F(HttpTest, SpectrogramIsAPng) {
  auto r = client().Post("/api/spectrogram", tone_wav(2.0), "audio/wav");
  ASSERT_TRUE(r);
  ASSERT_EQ(r->status, 200) << r->body;
  EXPECT_EQ(r->get_header_value("Content-Type"), "image/png");
  EXPECT_EQ(r->body.substr(1, 3), "PNG");
}

TEST_F(HttpTest, AugmentReturnsAWavOfTheSameLength) {
  for (const char* policy : {"balanced", "acoustic", "adaptive"}) {
    auto r = client().Post(std::string("/api/augment?policy=") + policy + "&target=3&seed=7",
                           tone_wav(2.0, 22050), "audio/wav");
    ASSERT_TRUE(r);
    ASSERT_EQ(r->status, 200) << policy << ": " << r->body;
    EXPECT_EQ(r->get_header_value("Content-Type"), "audio/wav");
    EXPECT_EQ(r->get_header_value("X-Esc50-Policy"), policy);
    EXPECT_FALSE(r->get_header_value("X-Esc50-Transforms").empty());
    const auto* bytes = reinterpret_cast<const std::byte*>(r->body.data());
    const auto wave = audio::decode_mono(std::span(bytes, r->body.size()), "augmented.wav");
    EXPECT_EQ(wave.samples.size(), size_t(2 * 22050)) << policy;
  }
}

TEST_F(HttpTest, AugmentRejectsUnknownPoliciesAndTargets) {
  auto policy = client().Post("/api/augment?policy=loud", tone_wav(1.0), "audio/wav");
  ASSERT_TRUE(policy);
  EXPECT_EQ(policy->status, 400);
  EXPECT_NE(json_of(policy)["error"].get<std::string>().find("acoustic"), std::string::npos);
  auto target = client().Post("/api/augment?policy=balanced&target=50", tone_wav(1.0), "audio/wav");
  ASSERT_TRUE(target);
  EXPECT_EQ(target->status, 400);
}

TEST_F(HttpTest, ClassesAndRuns) {
  auto classes = client().Get("/api/classes");
  ASSERT_TRUE(classes);
  EXPECT_EQ(json_of(classes)["class_names"].size(), 50u);
  EXPECT_EQ(json_of(classes)["model"]["architecture"], "tinycnn");
  auto runs = client().Get("/api/runs");
  ASSERT_TRUE(runs);
  ASSERT_EQ(json_of(runs)["runs"].size(), 1u);
  EXPECT_EQ(json_of(runs)["runs"][0]["id"], "run-a");
  auto run = client().Get("/api/runs/run-a");
  ASSERT_TRUE(run);
  EXPECT_EQ(run->status, 200);
  auto missing = client().Get("/api/runs/..%2Frun-a");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
}

TEST_F(HttpTest, UnknownPathsAre404Json) {
  auto r = client().Get("/api/nothing-here");
  ASSERT_TRUE(r);
  EXPECT_EQ(r->status, 404);
  EXPECT_TRUE(json_of(r).contains("error"));
}

}  // namespace
}  // namespace esc50::serve
