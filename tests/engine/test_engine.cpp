#include <gtest/gtest.h>
#include <torch/torch.h>

#include <thread>

#include "common/error.h"
#include "engine/classifier.h"
#include "model/catalog.h"
#include "model/cpu_features.h"
#include "network/network_file.h"
#include "test_support.h"

namespace esc50::engine {
namespace {

struct Variant {
  std::string architecture;
  nlohmann::json settings;
  int n_mels;
};

const std::vector<Variant> kVariants = {
    {"esc50net", {{"width", 8}, {"blocks", 3}}, 32},
    {"esc50net", {{"width", 8}, {"blocks", 4}, {"convs_per_block", 2}}, 32},
    {"esc50net", nlohmann::json::object(), 64},
    {"resnet34", nlohmann::json::object(), 64},
    {"tinycnn", {{"width", 4}}, 16},
};

features::FeatureSettings small_features(int n_mels) {
  features::FeatureSettings fs;
  fs.sample_rate = 8000;
  fs.clip_seconds = 1.0;
  fs.n_fft = 256;
  fs.hop_length = 128;
  fs.n_mels = n_mels;
  return fs;  // 63 frames per window
}

// A LibTorch network with random weights and random batch-norm statistics (so the engine's
// folding is exercised), written as a model file.
std::shared_ptr<network::NetworkImpl> write_random_model(const Variant& v, const std::filesystem::path& file,
                                                         int n_classes = 6) {
  torch::manual_seed(7);
  model::ModelInfo info;
  info.architecture = v.architecture;
  info.architecture_settings = model::find_architecture(v.architecture).complete_settings(v.settings);
  info.features = small_features(v.n_mels);
  for (int i = 0; i < n_classes; ++i) info.class_names.push_back("class " + std::to_string(i));
  auto net = network::make_network(v.architecture, info.architecture_settings, n_classes);
  torch::NoGradGuard no_grad;
  for (auto& item : net->named_buffers()) {
    if (item.key().ends_with("running_mean")) item.value().uniform_(-0.5, 0.5);
    if (item.key().ends_with("running_var")) item.value().uniform_(0.5, 2.0);
  }
  for (auto& item : net->named_parameters())
    if (item.key().ends_with(".weight") && item.value().dim() == 1) item.value().uniform_(0.5, 1.5);
  info.parameter_count = net->parameter_count();
  net->eval();
  network::save_network(file, info, *net);
  return net;
}

std::vector<features::Spectrogram> random_windows(int n, int n_mels, int frames) {
  std::vector<features::Spectrogram> windows;
  const auto values = torch::rand({n, n_mels * frames}) * -80.0;
  for (int i = 0; i < n; ++i) {
    const float* row = values[i].data_ptr<float>();
    windows.push_back({n_mels, frames, std::vector<float>(row, row + n_mels * frames)});
  }
  return windows;
}

torch::Tensor batch_of(const std::vector<features::Spectrogram>& windows) {
  auto batch = torch::empty({int64_t(windows.size()), 1, windows[0].n_mels, windows[0].n_frames});
  for (size_t i = 0; i < windows.size(); ++i)
    std::memcpy(batch[int64_t(i)].data_ptr<float>(), windows[i].values.data(), windows[i].values.size() * sizeof(float));
  return batch;
}

double max_difference(const std::vector<std::vector<float>>& rows, const torch::Tensor& expected) {
  double worst = 0;
  for (size_t i = 0; i < rows.size(); ++i)
    for (size_t j = 0; j < rows[i].size(); ++j)
      worst = std::max(worst, std::abs(double(rows[i][j]) - expected[int64_t(i)][int64_t(j)].item<double>()));
  return worst;
}

TEST(Engine, MatchesLibTorchInFp32OnEveryArchitecture) {
  test::TempDir dir;
  for (const auto& v : kVariants) {
    const auto file = dir / "model.esc50";
    auto net = write_random_model(v, file);
    auto classifier = Classifier::load(file, 1, "fp32");
    ASSERT_EQ(classifier.window_frames(), 63);
    // 11 windows: one chunk of the engine's largest batch and a partial one.
    const auto windows = random_windows(11, v.n_mels, 63);
    torch::NoGradGuard no_grad;
    const auto input = batch_of(windows);
    const auto probabilities = torch::softmax(net->forward(input), 1);
    const auto embeddings = net->embed(input);
    EXPECT_LT(max_difference(classifier.predict(windows), probabilities), 1e-5) << v.architecture << v.settings.dump();
    const double scale = embeddings.abs().max().item<double>();
    EXPECT_LT(max_difference(classifier.embed(windows), embeddings), 1e-5 * std::max(1.0, scale))
        << v.architecture << v.settings.dump();
    EXPECT_EQ(classifier.embedding_size(), embeddings.size(1));
  }
}

TEST(Engine, Bf16RunsWhereTheCpuSupportsItAndIsRefusedByNameElsewhere) {
  test::TempDir dir;
  const Variant v{"esc50net", {{"width", 8}, {"blocks", 3}}, 32};
  auto net = write_random_model(v, dir / "model.esc50");
  try {
    auto classifier = Classifier::load(dir / "model.esc50", 1, "bf16");
    EXPECT_EQ(classifier.precision(), "bf16");
    const auto windows = random_windows(3, v.n_mels, 63);
    torch::NoGradGuard no_grad;
    const auto probabilities = torch::softmax(net->forward(batch_of(windows)), 1);
    // Against LibTorch in fp32. bf16 keeps 8 bits of mantissa; 0.05 is a bound chosen before
    // any bf16 CPU ran this (docs/engine.md), not a measured figure.
    EXPECT_LT(max_difference(classifier.predict(windows), probabilities), 0.05);
  } catch (const Error& e) {
    EXPECT_FALSE(model::cpu_has_native_bf16()) << e.what();
    EXPECT_NE(std::string(e.what()).find("bf16 inference is not available on this CPU"), std::string::npos) << e.what();
  }
}

TEST(Engine, OneClassifierServesManyThreadsAlike) {
  test::TempDir dir;
  write_random_model(kVariants[0], dir / "model.esc50");
  const auto classifier = Classifier::load(dir / "model.esc50", 1, "fp32");
  const auto windows = random_windows(3, 32, 63);
  const auto expected = classifier.predict(windows);
  std::vector<std::vector<std::vector<float>>> results(4);
  std::vector<std::thread> threads;
  for (auto& r : results)
    threads.emplace_back([&] {
      for (int i = 0; i < 5; ++i) r = classifier.predict(windows);
    });
  for (auto& t : threads) t.join();
  for (const auto& r : results) EXPECT_EQ(r, expected);
}

TEST(Classifier, PredictsProbabilitiesPerWindowAndChecksTheirShape) {
  test::TempDir dir;
  write_random_model({"tinycnn", {{"width", 4}}, 16}, dir / "model.esc50", 3);
  auto classifier = Classifier::load(dir / "model.esc50");
  EXPECT_EQ(classifier.info().class_names.size(), 3u);
  EXPECT_EQ(classifier.window_frames(), 63);  // 8000 samples, hop 128, centred frames
  features::Spectrogram window{16, 63, std::vector<float>(16 * 63, -40.0f)};
  auto probs = classifier.predict({window, window});
  ASSERT_EQ(probs.size(), 2u);
  ASSERT_EQ(probs[0].size(), 3u);
  EXPECT_NEAR(probs[0][0] + probs[0][1] + probs[0][2], 1.0, 1e-5);
  EXPECT_EQ(probs[0], probs[1]);
  EXPECT_TRUE(classifier.predict({}).empty());
  features::Spectrogram wrong{16, 10, std::vector<float>(160, 0.0f)};
  EXPECT_THROW(classifier.predict({wrong}), Error);
}

std::string load_error(const std::filesystem::path& file) {
  try {
    Classifier::load(file);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(Classifier, ModelsTheEngineCannotRunAreNamed) {
  test::TempDir dir;
  auto net = write_random_model(kVariants[0], dir / "model.esc50");
  auto file = model::read_model_file(dir / "model.esc50");
  file.info.architecture = "transformer";
  model::write_model_file(dir / "foreign.esc50", file.info, file.tensors);
  EXPECT_EQ(load_error(dir / "foreign.esc50"),
            (dir / "foreign.esc50").string() + ": unknown model 'transformer' (known: esc50net, resnet34, tinycnn)");
  file = model::read_model_file(dir / "model.esc50");
  file.tensors.erase("classifier.bias");
  model::write_model_file(dir / "partial.esc50", file.info, file.tensors);
  EXPECT_EQ(load_error(dir / "partial.esc50"),
            (dir / "partial.esc50").string() + ": weights lack the tensor 'classifier.bias'");
  EXPECT_NE(load_error(dir / "model.esc50").find("no error"), std::string::npos);
}

TEST(Classifier, WindowsTooLargeForTheEngineAreRefusedNotAllocated) {
  test::TempDir dir;
  write_random_model({"tinycnn", {{"width", 4}}, 16}, dir / "model.esc50");
  auto file = model::read_model_file(dir / "model.esc50");
  file.info.features.sample_rate = 96000;
  file.info.features.clip_seconds = 60;
  file.info.features.hop_length = 16;
  file.info.features.n_mels = 512;  // 512 × 360001 values per window: GBs of activations
  model::write_model_file(dir / "huge.esc50", file.info, file.tensors);
  EXPECT_NE(load_error(dir / "huge.esc50").find("MiB of activations for 1 window(s) of 512 × 360001"), std::string::npos)
      << load_error(dir / "huge.esc50");
}

}  // namespace
}  // namespace esc50::engine
