// The public API (include/esc50/esc50.h) on the tiny test model: files, memory, samples,
// timelines, embeddings and errors, all through the installed library's entry points.
#include "esc50/esc50.h"

#include <cmath>
#include <fstream>
#include <iterator>
#include <numbers>
#include <numeric>

#include "audio/audio.h"
#include "test_support.h"
#include "tiny_model.h"

namespace esc50 {
namespace {

std::vector<float> tone(double seconds, int rate, double hz = 440) {
  std::vector<float> samples(size_t(seconds * rate));
  for (size_t i = 0; i < samples.size(); ++i)
    samples[i] = 0.3f * float(std::sin(2 * std::numbers::pi * hz * double(i) / rate));
  return samples;
}

class Api : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new test::TempDir;
    classifier_ = new SoundClassifier(test::write_tiny_model(*dir_ / "tiny.esc50"), {.precision = "fp32"});
  }
  static void TearDownTestSuite() {
    delete classifier_;
    delete dir_;
  }
  static inline test::TempDir* dir_ = nullptr;
  static inline SoundClassifier* classifier_ = nullptr;
};

TEST_F(Api, DescribesTheModel) {
  const auto& m = classifier_->model();
  EXPECT_EQ(m.architecture, "tinycnn");
  EXPECT_EQ(m.classes.size(), 50u);
  EXPECT_EQ(classifier_->classes(), m.classes);
  EXPECT_GT(m.sample_rate, 0);
  EXPECT_GT(m.clip_seconds, 0);
  EXPECT_EQ(m.precision, "fp32");
  EXPECT_GT(m.parameter_count, 0);
  EXPECT_GT(m.embedding_size, 0);
  EXPECT_NE(m.feature_settings_json.find("n_mels"), std::string::npos);
  EXPECT_FALSE(version().empty());
}

TEST_F(Api, FileMemoryAndSamplesGiveTheSameClassification) {
  const int rate = 22050;
  const auto samples = tone(7.0, rate);
  const auto file = *dir_ / "tone.wav";
  audio::write_wav(file, {samples, rate});
  std::ifstream in(file, std::ios::binary);
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());

  const auto from_file = classifier_->classify_file(file, {.top = 3});
  const auto from_memory = classifier_->classify_memory(
      std::as_bytes(std::span(bytes.data(), bytes.size())), "tone.wav", {.top = 3});
  const auto from_samples = classifier_->classify_waveform(samples, rate, {.top = 3});
  for (const auto* c : {&from_file, &from_memory, &from_samples}) {
    EXPECT_NEAR(c->duration_s, 7.0, 0.01);
    ASSERT_EQ(c->probabilities.size(), 50u);
    EXPECT_NEAR(std::accumulate(c->probabilities.begin(), c->probabilities.end(), 0.0), 1.0, 1e-4);
    ASSERT_EQ(c->top.size(), 3u);
    EXPECT_GE(c->top[0].probability, c->top[1].probability);
    EXPECT_EQ(c->top[0].label, classifier_->classes()[size_t(c->top[0].index)]);
    EXPECT_EQ(c->timeline.size(), from_file.timeline.size());
  }
  EXPECT_GE(from_file.timeline.size(), 2u);  // 7 s in windows of the model's clip length
  for (size_t k = 0; k < 50; ++k) {
    EXPECT_NEAR(from_file.probabilities[k], from_samples.probabilities[k], 1e-5);
    EXPECT_NEAR(from_memory.probabilities[k], from_samples.probabilities[k], 1e-5);
  }

  // on_window sees every window, in order, before the call returns; for files and samples.
  for (bool file_input : {true, false}) {
    std::vector<TimelineWindow> seen;
    const ClassifyOptions options{.top = 3, .on_window = [&](const TimelineWindow& w) { seen.push_back(w); }};
    const auto result = file_input ? classifier_->classify_file(file, options)
                                   : classifier_->classify_waveform(samples, rate, options);
    ASSERT_EQ(seen.size(), result.timeline.size());
    for (size_t i = 0; i < seen.size(); ++i) {
      EXPECT_EQ(seen[i].start_s, result.timeline[i].start_s);
      EXPECT_EQ(seen[i].values, result.timeline[i].values);
    }
  }
}

TEST_F(Api, EmbeddingsHaveTheModelsSizePerWindowAndAsAMean) {
  const int rate = 16000;
  const auto e = classifier_->embed_waveform(tone(7.0, rate, 1000), rate);
  ASSERT_EQ(e.values.size(), size_t(classifier_->model().embedding_size));
  ASSERT_GE(e.timeline.size(), 2u);
  for (size_t d = 0; d < e.values.size(); ++d) {
    double mean = 0;
    for (const auto& w : e.timeline) mean += w.values[d];
    EXPECT_NEAR(e.values[d], mean / double(e.timeline.size()), 1e-5);
  }
  const auto file = *dir_ / "embed.wav";
  audio::write_wav(file, {tone(7.0, rate, 1000), rate});
  const auto from_file = classifier_->embed_file(file);
  for (size_t d = 0; d < e.values.size(); ++d) EXPECT_NEAR(from_file.values[d], e.values[d], 1e-4);
}

TEST_F(Api, TopClassesRanksAndLabels) {
  const std::vector<float> p = {0.1f, 0.6f, 0.3f};
  const auto top = top_classes(p, {"a", "b", "c"}, 2);
  ASSERT_EQ(top.size(), 2u);
  EXPECT_EQ(top[0].label, "b");
  EXPECT_EQ(top[1].label, "c");
}

TEST_F(Api, ErrorsAreEsc50ErrorsNamingTheProblem) {
  const auto message_of = [](const auto& call) -> std::string {
    try {
      call();
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
  };
  EXPECT_NE(message_of([&] { SoundClassifier((*dir_ / "missing.esc50")); }).find("missing.esc50"), std::string::npos);
  EXPECT_NE(message_of([&] { classifier_->classify_file(*dir_ / "absent.wav"); }).find("absent.wav"),
            std::string::npos);
  const std::string junk = "not audio at all";
  EXPECT_NE(message_of([&] { classifier_->classify_memory(std::as_bytes(std::span(junk.data(), junk.size())), "junk.ogg"); })
                .find("junk.ogg"),
            std::string::npos);
  EXPECT_NE(message_of([&] { classifier_->classify_waveform(tone(1, 8000), 0); }).find("sample rate"),
            std::string::npos);
  EXPECT_NE(message_of([&] { classifier_->classify_waveform(tone(1, 8000), 8000, {.top = 0}); }).find("top"),
            std::string::npos);
  EXPECT_NE(message_of([&] { SoundClassifier(*dir_ / "tiny.esc50", {.precision = "fp8"}); }).find("fp8"),
            std::string::npos);
  EXPECT_NE(message_of([&] { classifier_->classify_waveform({}, 8000); }).find("no samples"), std::string::npos);
  auto broken = tone(1, 8000);
  broken[10] = std::nanf("");
  EXPECT_NE(message_of([&] { classifier_->classify_waveform(broken, 8000); }).find("sample 10"), std::string::npos);
  EXPECT_NE(message_of([&] { classifier_->classify_waveform(tone(1, 8000), 8000, {.hop_seconds = std::nan("")}); })
                .find("hop"),
            std::string::npos);
  EXPECT_NE(message_of([&] { classifier_->classify_waveform(tone(1, 8000), 8000, {.hop_seconds = 1e-5}); })
                .find("hop"),
            std::string::npos);
}

}  // namespace
}  // namespace esc50
