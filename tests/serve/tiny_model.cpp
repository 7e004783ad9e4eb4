#include "tiny_model.h"

#include <torch/torch.h>

#include <fmt/format.h>

#include "model/model_file.h"
#include "model/registry.h"

namespace esc50::test {

std::filesystem::path write_tiny_model(const std::filesystem::path& file) {
  torch::manual_seed(0);
  model::ModelInfo info;
  info.architecture = "tinycnn";
  const auto& architecture = model::find_architecture(info.architecture);
  info.architecture_settings = architecture.complete_settings({{"width", 4}});
  info.features.n_mels = 64;
  for (int i = 0; i < 50; ++i) info.class_names.push_back(fmt::format("class_{:02d}", i));
  info.provenance = {{"note", "untrained test model"}};
  auto network = architecture.make(info.architecture_settings, 50);
  info.parameter_count = network->parameter_count();
  model::save_model_file(file, info, *network);
  return file;
}

}  // namespace esc50::test
