#include "train/data_parallel.h"

#ifdef ESC50_GLOO
#include <torch/csrc/distributed/c10d/ProcessGroupGloo.hpp>
#include <torch/csrc/distributed/c10d/TCPStore.hpp>
#endif
#include <torch/torch.h>

#include "common/error.h"

namespace esc50::train {

#ifdef ESC50_GLOO

namespace {

std::pair<std::string, uint16_t> parse_master(const std::string& master) {
  const auto colon = master.rfind(':');
  int port = -1;
  try {
    if (colon != std::string::npos) port = std::stoi(master.substr(colon + 1));
  } catch (const std::exception&) {
  }
  if (colon == 0 || port <= 0 || port > 65535)
    throw Error("--master " + master + ": expected HOST:PORT with a port in 1..65535");
  return {master.substr(0, colon), uint16_t(port)};
}

}  // namespace

struct DataParallel::Group {
  c10::intrusive_ptr<c10d::Store> store;
  c10::intrusive_ptr<c10d::ProcessGroupGloo> gloo;

  explicit Group(const DistributedSettings& s) {
    const auto [host, port] = parse_master(s.master);
    c10d::TCPStoreOptions options;
    options.port = port;
    options.isServer = s.rank == 0;
    options.numWorkers = size_t(s.world_size);
    options.timeout = std::chrono::minutes(5);
    try {
      store = c10::make_intrusive<c10d::TCPStore>(host, options);
      auto gloo_options = c10d::ProcessGroupGloo::Options::create();
      gloo_options->devices.push_back(c10d::ProcessGroupGloo::createDeviceForHostname(host));
      gloo = c10::make_intrusive<c10d::ProcessGroupGloo>(store, s.rank, s.world_size, gloo_options);
    } catch (const std::exception& e) {
      throw Error("data-parallel rendezvous at " + s.master + " failed: " + e.what());
    }
  }

  // One flat buffer so a step costs one all-reduce, not one per parameter.
  void all_reduce(const std::vector<torch::Tensor>& tensors, bool average) {
    if (tensors.empty()) return;
    std::vector<torch::Tensor> flat{torch::cat([&] {
      std::vector<torch::Tensor> views;
      for (const auto& t : tensors) views.push_back(t.reshape({-1}));
      return views;
    }())};
    gloo->allreduce(flat)->wait();
    if (average) flat[0].div_(gloo->getSize());
    int64_t offset = 0;
    for (const auto& t : tensors) {
      t.copy_(flat[0].narrow(0, offset, t.numel()).view_as(t));
      offset += t.numel();
    }
  }
};

bool DataParallel::available() { return true; }

#else

// Never made: the constructor refuses several processes without Gloo.
struct DataParallel::Group {
  explicit Group(const DistributedSettings& s) {
    throw Error("--world-size " + std::to_string(s.world_size) +
                ": this build has no Gloo (its LibTorch ships no Gloo headers), so it trains in one process only");
  }
  void all_reduce(const std::vector<torch::Tensor>&, bool) {}
};

bool DataParallel::available() { return false; }

#endif

DataParallel::DataParallel(const DistributedSettings& s) : rank_(s.rank), world_size_(s.world_size) {
  if (s.world_size < 1 || s.rank < 0 || s.rank >= s.world_size)
    throw Error("--rank " + std::to_string(s.rank) + " must be in 0.." + std::to_string(s.world_size - 1));
  if (s.world_size > 1) group_ = std::make_unique<Group>(s);
}

DataParallel::~DataParallel() = default;

void DataParallel::broadcast(const std::vector<torch::Tensor>& tensors) {
  if (!group_) return;
  // A broadcast is an all-reduce where every rank but 0 contributes zeros.
  std::vector<torch::Tensor> contributions;
  for (const auto& t : tensors) contributions.push_back(rank_ == 0 ? t.detach() : t.detach().zero_());
  group_->all_reduce(contributions, false);
}

void DataParallel::average_gradients(const std::vector<torch::Tensor>& parameters) {
  if (!group_) return;
  std::vector<torch::Tensor> grads;
  for (const auto& p : parameters)
    if (p.grad().defined()) grads.push_back(p.grad());
  group_->all_reduce(grads, true);
}

}  // namespace esc50::train
