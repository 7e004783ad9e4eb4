#include "tiny_model.h"

#include <cmath>
#include <random>

#include <fmt/format.h>

#include "model/catalog.h"
#include "model/model_file.h"

namespace esc50::test {

model::TensorTable random_tensors(const model::NetworkSpec& spec, unsigned seed) {
  std::mt19937 rng(seed);
  model::TensorTable tensors;
  for (const auto& [name, shape] : spec.tensor_shapes()) {
    model::Tensor t{shape, {}};
    size_t size = 1, fan_in = 1;
    for (size_t d = 0; d < shape.size(); ++d) size *= size_t(shape[d]), fan_in *= d ? size_t(shape[d]) : 1;
    // LibTorch's default initialisation range; batch-norm variances stay positive.
    const float bound = 1.0f / std::sqrt(float(std::max<size_t>(fan_in, 1)));
    std::uniform_real_distribution<float> uniform(-bound, bound);
    for (size_t i = 0; i < size; ++i)
      t.values.push_back(name.ends_with("running_var") ? 0.5f + std::abs(uniform(rng)) : uniform(rng));
    tensors.emplace(name, std::move(t));
  }
  return tensors;
}

std::filesystem::path write_tiny_model(const std::filesystem::path& file, unsigned seed) {
  model::ModelInfo info;
  info.architecture = "tinycnn";
  const auto& architecture = model::find_architecture(info.architecture);
  info.architecture_settings = architecture.complete_settings({{"width", 4}});
  info.features.n_mels = 64;
  for (int i = 0; i < 50; ++i) info.class_names.push_back(fmt::format("class_{:02d}", i));
  info.provenance = {{"note", "untrained test model"}};
  const auto spec = architecture.spec(info.architecture_settings, 50);
  info.parameter_count = spec.parameter_count();
  model::write_model_file(file, info, random_tensors(spec, seed));
  return file;
}

}  // namespace esc50::test
