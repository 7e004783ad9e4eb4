#include <gtest/gtest.h>

#include <fstream>

#include "common/atomic_file.h"
#include "common/error.h"
#include "model/catalog.h"
#include "model/model_file.h"
#include "test_support.h"

namespace esc50::model {
namespace {

ModelInfo small_info() {
  ModelInfo info;
  info.architecture = "tinycnn";
  info.architecture_settings = find_architecture("tinycnn").complete_settings({{"width", 2}});
  info.features.n_mels = 16;
  info.class_names = {"tone", "noise", "chirp"};
  info.provenance = {{"note", "test"}};
  return info;
}

TensorTable numbered_tensors(const NetworkSpec& spec) {
  TensorTable tensors;
  float next = 0;
  for (const auto& [name, shape] : spec.tensor_shapes()) {
    Tensor t{shape, {}};
    size_t size = 1;
    for (auto d : shape) size *= size_t(d);
    for (size_t i = 0; i < size; ++i) t.values.push_back(next += 0.25f);
    tensors.emplace(name, std::move(t));
  }
  return tensors;
}

NetworkSpec small_spec() { return find_architecture("tinycnn").spec(small_info().architecture_settings, 3); }

std::filesystem::path write_small_model(const test::TempDir& dir) {
  const auto file = dir / "model.esc50";
  write_model_file(file, small_info(), numbered_tensors(small_spec()));
  return file;
}

std::string error_of(const std::filesystem::path& file) {
  try {
    read_model_file(file);
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

void overwrite(const std::filesystem::path& file, const std::string& bytes) {
  std::ofstream(file, std::ios::binary | std::ios::trunc) << bytes;
}

TEST(ModelFile, RoundTripKeepsDescriptionAndEveryTensor) {
  test::TempDir dir;
  const auto loaded = read_model_file(write_small_model(dir));
  EXPECT_EQ(loaded.format_version, kModelFormatVersion);
  EXPECT_EQ(loaded.info.architecture, "tinycnn");
  EXPECT_EQ(loaded.info.class_names, small_info().class_names);
  EXPECT_EQ(loaded.info.features.n_mels, 16);
  EXPECT_EQ(loaded.info.provenance["note"], "test");
  const auto expected = numbered_tensors(small_spec());
  ASSERT_EQ(loaded.tensors.size(), expected.size());
  for (const auto& [name, tensor] : expected) {
    EXPECT_EQ(loaded.tensors.at(name).shape, tensor.shape) << name;
    EXPECT_EQ(loaded.tensors.at(name).values, tensor.values) << name;
  }
  EXPECT_NO_THROW(check_tensors(loaded.tensors, small_spec()));
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

TEST(ModelFile, TensorsThatDoNotFitTheArchitectureAreNamed) {
  auto tensors = numbered_tensors(small_spec());
  auto check = [&] {
    try {
      check_tensors(tensors, small_spec());
    } catch (const Error& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  tensors["conv2.weight"].shape = {4, 2, 3, 1};
  EXPECT_EQ(check(), "tensor 'conv2.weight' has the wrong shape for this architecture");
  tensors.erase("conv2.weight");
  EXPECT_EQ(check(), "weights lack the tensor 'conv2.weight'");
  tensors = numbered_tensors(small_spec());
  tensors["extra.bias"] = Tensor{{1}, {0.0f}};
  EXPECT_EQ(check(), "unexpected tensor 'extra.bias' in the weights");
}

}  // namespace
}  // namespace esc50::model
