#include <gtest/gtest.h>
#include <torch/torch.h>

#include "common/atomic_file.h"
#include "common/hash.h"
#include "model/catalog.h"
#include "network/device.h"
#include "network/network_file.h"
#include "test_support.h"

namespace esc50::network {
namespace {

const std::vector<std::pair<std::string, nlohmann::json>> kVariants = {
    {"esc50net", nlohmann::json::object()},
    {"esc50net", {{"width", 8}, {"blocks", 3}, {"convs_per_block", 2}}},
    {"resnet34", nlohmann::json::object()},
    {"tinycnn", {{"width", 4}}},
};

TEST(Network, EveryArchitectureMapsLogMelToClassLogits) {
  for (const auto& a : model::architectures()) {
    auto net = make_network(a.name, nlohmann::json::object(), 50);
    net->eval();
    auto out = net->forward(torch::randn({2, 1, 64, 100}) * 20 - 40);
    EXPECT_EQ(out.sizes(), (std::vector<int64_t>{2, 50})) << a.name;
  }
}

// The LibTorch modules and the catalog's layer graphs (which the inference engine runs)
// are written separately; they must name and shape every tensor alike.
TEST(Network, ModulesHoldExactlyTheCatalogsTensors) {
  for (const auto& [name, settings] : kVariants) {
    auto net = make_network(name, settings, 7);
    const auto spec = model::find_architecture(name).spec(settings, 7);
    std::map<std::string, std::vector<int64_t>> shapes;
    for (const auto& [tensor_name, tensor] : tensor_table(*net)) shapes[tensor_name] = tensor.shape;
    EXPECT_EQ(shapes, spec.tensor_shapes()) << name << " " << settings.dump();
    EXPECT_EQ(net->parameter_count(), spec.parameter_count()) << name << " " << settings.dump();
    EXPECT_EQ(net->embed(torch::zeros({1, 1, 64, 100})).size(1), spec.embedding_size()) << name;
  }
}

model::ModelInfo info_of(const std::string& architecture, const nlohmann::json& settings, int n_classes) {
  model::ModelInfo info;
  info.architecture = architecture;
  info.architecture_settings = model::find_architecture(architecture).complete_settings(settings);
  for (int i = 0; i < n_classes; ++i) info.class_names.push_back("class " + std::to_string(i));
  return info;
}

TEST(NetworkFile, RoundTripKeepsOutputs) {
  test::TempDir dir;
  torch::manual_seed(3);
  auto info = info_of("esc50net", {{"width", 8}, {"blocks", 2}}, 3);
  auto net = make_network(info.architecture, info.architecture_settings, 3);
  info.parameter_count = net->parameter_count();
  net->eval();
  const auto input = torch::full({1, 1, 16, 63}, -30.0f);
  const auto before = net->forward(input).detach();
  save_network(dir / "model.esc50", info, *net);
  auto loaded = load_network(dir / "model.esc50");
  EXPECT_EQ(loaded.info.class_names, info.class_names);
  EXPECT_TRUE(torch::equal(before, loaded.network->forward(input)));
}

bool convolutions_are_channels_last(NetworkImpl& net) {
  int convolutions = 0;
  for (const auto& p : net.parameters())
    if (p.dim() == 4 && ++convolutions && p.suggest_memory_format() != torch::MemoryFormat::ChannelsLast) return false;
  return convolutions > 0;
}

// Channels-last is what makes the training step fast (network.h); weights loaded from a model
// file or a checkpoint archive must keep it.
TEST(Network, ConvolutionWeightsStayChannelsLastThroughModelFilesAndCheckpoints) {
  test::TempDir dir;
  for (const auto& [name, settings] : kVariants) {
    auto info = info_of(name, settings, 3);
    auto net = make_network(info.architecture, info.architecture_settings, 3);
    EXPECT_TRUE(convolutions_are_channels_last(*net)) << name;
    save_network(dir / "model.esc50", info, *net);
    EXPECT_TRUE(convolutions_are_channels_last(*load_network(dir / "model.esc50").network)) << name;

    torch::serialize::OutputArchive out;
    net->save(out);
    std::ostringstream bytes;
    out.save_to(bytes);
    torch::serialize::InputArchive in;
    std::istringstream read_back{bytes.str()};
    in.load_from(read_back);
    auto resumed = make_network(info.architecture, info.architecture_settings, 3);
    resumed->load(in);
    EXPECT_TRUE(convolutions_are_channels_last(*resumed)) << name;
  }
}

// Format 1, as esc50 wrote it before the engine: a LibTorch archive in place of the tensors.
void write_format_one(const std::filesystem::path& file, const model::ModelInfo& info, NetworkImpl& net) {
  torch::serialize::OutputArchive archive;
  net.save(archive);
  std::ostringstream weights;
  archive.save_to(weights);
  auto append = [](std::string& out, auto value) { out.append(reinterpret_cast<const char*>(&value), sizeof value); };
  std::string out = "ESC50MODEL\n";
  append(out, uint32_t(1));
  const auto header = model::model_info_to_json(info).dump();
  append(out, uint64_t(header.size()));
  out += header;
  append(out, uint64_t(weights.str().size()));
  out += weights.str();
  append(out, fnv1a(out, kStoredHashBasis));
  write_file_atomic(file, out);
}

TEST(NetworkFile, FormatOneFilesStillLoadForTrainingAndUpgrades) {
  test::TempDir dir;
  auto info = info_of("tinycnn", {{"width", 4}}, 5);
  auto net = make_network(info.architecture, info.architecture_settings, 5);
  net->eval();
  write_format_one(dir / "old.esc50", info, *net);
  EXPECT_EQ(model::read_model_file(dir / "old.esc50").format_version, model::kLibTorchModelFormatVersion);
  auto loaded = load_network(dir / "old.esc50");
  const auto input = torch::full({1, 1, 16, 40}, -20.0f);
  EXPECT_TRUE(torch::equal(net->forward(input), loaded.network->forward(input)));
  save_network(dir / "new.esc50", loaded.info, *loaded.network);
  EXPECT_EQ(model::read_model_file(dir / "new.esc50").format_version, model::kModelFormatVersion);
}

// The autocast calls differ between LibTorch 1.13 and 2.4+; both must switch bf16 on for the
// scope alone, and leave an enclosing scope's state as they found it.
TEST(Autocast, Bf16ScopeCastsConvolutionsAndRestoresTheStateAfter) {
  torch::nn::Conv2d conv(torch::nn::Conv2dOptions(1, 2, 3));
  const auto x = torch::randn({1, 1, 8, 8});
  {
    AutocastScope bf16(torch::kCPU, true);
    EXPECT_EQ(conv->forward(x).scalar_type(), torch::kBFloat16);
    {
      AutocastScope nested(torch::kCPU, true);
    }
    EXPECT_EQ(conv->forward(x).scalar_type(), torch::kBFloat16);
  }
  EXPECT_EQ(conv->forward(x).scalar_type(), torch::kFloat);
  AutocastScope fp32(torch::kCPU, false);
  EXPECT_EQ(conv->forward(x).scalar_type(), torch::kFloat);
}

}  // namespace
}  // namespace esc50::network
