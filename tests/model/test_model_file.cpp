#include <gtest/gtest.h>
#include <torch/torch.h>

#include <fstream>

#include "common/atomic_file.h"
#include "common/error.h"
#include "model/classifier.h"
#include "model/model_file.h"
#include "model/registry.h"
#include "test_support.h"

namespace esc50::model {
namespace {

ModelInfo small_info() {
  ModelInfo info;
  info.architecture = "esc50net";
  info.architecture_settings = find_architecture("esc50net").complete_settings({{"width", 8}, {"blocks", 2}});
  info.features.sample_rate = 8000;
  info.features.clip_seconds = 1.0;
  info.features.n_fft = 256;
  info.features.hop_length = 128;
  info.features.n_mels = 16;
  info.class_names = {"tone", "noise", "chirp"};
  info.provenance = {{"note", "test"}};
  return info;
}

std::filesystem::path write_small_model(const test::TempDir& dir, torch::Tensor* logits = nullptr) {
  auto info = small_info();
  torch::manual_seed(3);
  auto net = find_architecture(info.architecture).make(info.architecture_settings, 3);
  info.parameter_count = net->parameter_count();
  net->eval();
  if (logits) *logits = net->forward(torch::full({1, 1, 16, 63}, -30.0f)).detach();
  const auto file = dir / "model.esc50";
  save_model_file(file, info, *net);
  return file;
}

std::string error_of(const std::filesystem::path& file) {
  try {
    load_model_file(file);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

void overwrite(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

TEST(ModelFile, RoundTripKeepsDescriptionAndOutputs) {
  test::TempDir dir;
  torch::Tensor before;
  const auto file = write_small_model(dir, &before);
  auto loaded = load_model_file(file);
  EXPECT_EQ(loaded.info.architecture, "esc50net");
  EXPECT_EQ(loaded.info.class_names, small_info().class_names);
  EXPECT_EQ(loaded.info.features.n_mels, 16);
  EXPECT_EQ(loaded.info.provenance["note"], "test");
  EXPECT_EQ(loaded.info.parameter_count, loaded.network->parameter_count());
  auto after = loaded.network->forward(torch::full({1, 1, 16, 63}, -30.0f));
  EXPECT_TRUE(torch::equal(before, after));
}

TEST(ModelFile, DamagedFilesFailWithTheFileNameAndTheProblem) {
  test::TempDir dir;
  const auto file = write_small_model(dir);
  const std::string good = read_file(file);
  EXPECT_NE(error_of(dir / "absent.esc50").find("absent.esc50: model file not found"), std::string::npos);

  overwrite(file, "RIFF....WAVEfmt not a model at all");
  EXPECT_NE(error_of(file).find("model.esc50: not an esc50 model file"), std::string::npos) << error_of(file);

  overwrite(file, good.substr(0, good.size() / 2));
  EXPECT_NE(error_of(file).find("truncated"), std::string::npos) << error_of(file);

  std::string flipped = good;
  flipped[good.size() - 100] ^= 0x10;
  overwrite(file, flipped);
  EXPECT_NE(error_of(file).find("corrupted (checksum mismatch)"), std::string::npos) << error_of(file);

  std::string newer = good;
  newer[11] = 9;  // format version, right after the magic
  overwrite(file, newer);
  EXPECT_NE(error_of(file).find("format version 9 is not supported"), std::string::npos) << error_of(file);
}

TEST(Classifier, PredictsProbabilitiesPerWindow) {
  test::TempDir dir;
  auto classifier = Classifier::load(write_small_model(dir));
  EXPECT_EQ(classifier.info().class_names.size(), 3u);
  EXPECT_EQ(classifier.window_frames(), 63);  // 8000 samples, hop 128, centred frames
  features::Spectrogram window{16, 63, std::vector<float>(16 * 63, -40.0f)};
  auto probs = classifier.predict({window, window});
  ASSERT_EQ(probs.size(), 2u);
  ASSERT_EQ(probs[0].size(), 3u);
  EXPECT_NEAR(probs[0][0] + probs[0][1] + probs[0][2], 1.0, 1e-5);
  EXPECT_EQ(probs[0], probs[1]);
  features::Spectrogram wrong{16, 10, std::vector<float>(160, 0.0f)};
  EXPECT_THROW(classifier.predict({wrong}), Error);
}

}  // namespace
}  // namespace esc50::model
