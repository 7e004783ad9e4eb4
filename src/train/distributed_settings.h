#pragma once
// Where a training process sits in a data-parallel group (train/data_parallel.h). Apart from
// DataParallel so that run_config.h, which most of the training CLI includes, needs no LibTorch.
#include <string>

namespace esc50::train {

struct DistributedSettings {
  int world_size = 1;
  int rank = 0;
  std::string master = "127.0.0.1:29500";
};

}  // namespace esc50::train
