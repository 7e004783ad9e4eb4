#pragma once
// Data-parallel training over processes or machines: c10d ProcessGroupGloo with a TCPStore
// rendezvous at --master HOST:PORT (rank 0 hosts the store). Every rank holds the same
// model; gradients are averaged with one all-reduce per step, so with equal shards of the
// same global batch the update equals a single-process step (exactly so without batch norm).
#include <memory>
#include <string>
#include <vector>

#include <torch/types.h>

#include "train/distributed_settings.h"

namespace esc50::train {

class DataParallel {
 public:
  // world_size 1: no process group, every call is a no-op. Throws Error for a bad address
  // or rank, when the peers do not show up within the timeout, or for several processes in a
  // build without Gloo.
  explicit DataParallel(const DistributedSettings& settings);
  ~DataParallel();

  // Whether this build can train in several processes: c10d's Gloo group needs Gloo's
  // headers, which Debian ships (libgloo-dev) and PyTorch wheels do not.
  static bool available();
  bool is_root() const { return rank_ == 0; }
  int rank() const { return rank_; }
  int world_size() const { return world_size_; }
  // Copies rank 0's values into everyone's tensors (parameters and buffers at start-up).
  void broadcast(const std::vector<torch::Tensor>& tensors);
  // Replaces each gradient by its mean over the ranks.
  void average_gradients(const std::vector<torch::Tensor>& parameters);

 private:
  struct Group;
  int rank_ = 0, world_size_ = 1;
  std::unique_ptr<Group> group_;
};

}  // namespace esc50::train
