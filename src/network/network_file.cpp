#include "network/network_file.h"

#include <cstring>
#include <sstream>

#include <torch/serialize.h>
#include <torch/torch.h>

#include "common/error.h"
#include "model/ensemble.h"
#include "network/architectures.h"
#include "network/upgrade_model_file.h"

namespace esc50::network {
namespace {

// LibTorch's batch-norm step counter steers nothing in eval mode or in the momentum update
// used here; model files leave it out.
bool is_step_counter(const std::string& name) { return name.ends_with("num_batches_tracked"); }

template <class Visit>
void for_each_tensor(NetworkImpl& network, Visit visit) {
  for (auto& item : network.named_parameters()) visit(item.key(), item.value());
  for (auto& item : network.named_buffers())
    if (!is_step_counter(item.key())) visit(item.key(), item.value());
}

void load_tensors(NetworkImpl& network, const model::TensorTable& tensors) {
  torch::NoGradGuard no_grad;
  for_each_tensor(network, [&](const std::string& name, torch::Tensor& target) {
    const auto& source = tensors.at(name);
    auto values = torch::from_blob(const_cast<float*>(source.values.data()), source.shape, torch::kFloat);
    target.copy_(values);
  });
}

void load_libtorch_archive(NetworkImpl& network, const std::string& archive_bytes) {
  torch::serialize::InputArchive archive;
  std::istringstream in{archive_bytes};
  archive.load_from(in, torch::kCPU);
  network.load(archive);
}

}  // namespace

std::shared_ptr<NetworkImpl> make_network(const std::string& architecture,
                                          const nlohmann::json& settings, int n_classes) {
  const auto& entry = model::find_architecture(architecture);
  const auto j = entry.complete_settings(settings);
  std::shared_ptr<NetworkImpl> network;
  if (architecture == "esc50net") network = Esc50Net(model::esc50net_params().from_json(j), n_classes).ptr();
  else if (architecture == "resnet34") network = ResNet34(model::resnet_params().from_json(j), n_classes).ptr();
  else if (architecture == "tinycnn") network = TinyCnn(model::tinycnn_params().from_json(j), n_classes).ptr();
  else throw Error("the catalog's architecture '" + architecture + "' has no LibTorch module");
  network->use_channels_last();
  return network;
}

model::TensorTable tensor_table(NetworkImpl& network) {
  model::TensorTable table;
  for_each_tensor(network, [&](const std::string& name, torch::Tensor& t) {
    const auto cpu = t.detach().to(torch::kCPU, torch::kFloat).contiguous();
    model::Tensor out;
    out.shape.assign(cpu.sizes().begin(), cpu.sizes().end());
    out.values.resize(size_t(cpu.numel()));
    std::memcpy(out.values.data(), cpu.data_ptr<float>(), out.values.size() * sizeof(float));
    table.emplace(name, std::move(out));
  });
  return table;
}

void save_network(const std::filesystem::path& file, const model::ModelInfo& info,
                  NetworkImpl& network) {
  model::write_model_file(file, info, tensor_table(network));
}

LoadedNetwork load_network(const std::filesystem::path& file) {
  auto model_file = model::read_model_file(file);
  LoadedNetwork loaded{std::move(model_file.info), nullptr};
  const auto& info = loaded.info;
  model::require_one_network(info, file);
  try {
    loaded.network = make_network(info.architecture, info.architecture_settings,
                                  int(info.class_names.size()));
    if (model_file.format_version == model::kLibTorchModelFormatVersion) {
      load_libtorch_archive(*loaded.network, model_file.libtorch_archive);
    } else {
      model::check_tensors(model_file.tensors, model::find_architecture(info.architecture)
                                                   .spec(info.architecture_settings, int(info.class_names.size())));
      load_tensors(*loaded.network, model_file.tensors);
    }
  } catch (const Error& e) {
    fail_file(file, e.what());
  } catch (const c10::Error& e) {
    fail_file(file, "weights do not match the architecture '" + info.architecture +
                        "': " + e.what_without_backtrace());
  }
  loaded.network->eval();
  return loaded;
}

void upgrade_model_file(const std::filesystem::path& in, const std::filesystem::path& out) {
  auto loaded = load_network(in);
  save_network(out, loaded.info, *loaded.network);
}

}  // namespace esc50::network
