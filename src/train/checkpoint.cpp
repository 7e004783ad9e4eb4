#include "train/checkpoint.h"

#include <torch/serialize.h>

#include <sstream>

#include "common/atomic_file.h"
#include "common/error.h"

namespace esc50::train {

void save_checkpoint(const std::filesystem::path& file, torch::nn::Module& network,
                     torch::optim::Optimizer& optimizer, torch::nn::Module* average, const nlohmann::json& state) {
  torch::serialize::OutputArchive archive, weights, optimizer_state, average_weights;
  network.save(weights);
  optimizer.save(optimizer_state);
  archive.write("model", weights);
  archive.write("optimizer", optimizer_state);
  if (average) {
    average->save(average_weights);
    archive.write("average", average_weights);
  }
  archive.write("trainer_state", c10::IValue(state.dump()));
  // Serialised in memory, then written by write_file_atomic: LibTorch's file writer aborts the
  // process (an exception from a destructor) when the disk fills up; ours says so instead.
  std::ostringstream bytes;
  archive.save_to(bytes);
  write_file_atomic(file, bytes.str());
}

nlohmann::json load_checkpoint(const std::filesystem::path& file, torch::nn::Module& network,
                               torch::optim::Optimizer& optimizer, torch::nn::Module* average,
                               const torch::Device& device) {
  try {
    torch::serialize::InputArchive archive, weights, optimizer_state, average_weights;
    archive.load_from(file.string(), device);
    archive.read("model", weights);
    archive.read("optimizer", optimizer_state);
    network.load(weights);
    optimizer.load(optimizer_state);
    if (average) {
      if (!archive.try_read("average", average_weights))
        fail_file(file, "the checkpoint has no weight average, but the run keeps one (--ema-decay): it "
                        "was written by a run without one");
      average->load(average_weights);
    }
    c10::IValue state;
    archive.read("trainer_state", state);
    return nlohmann::json::parse(state.toStringRef());
  } catch (const c10::Error& e) {
    fail_file(file, std::string("unusable checkpoint: ") + e.what_without_backtrace());
  } catch (const nlohmann::json::exception& e) {
    fail_file(file, std::string("unusable checkpoint state: ") + e.what());
  }
}

}  // namespace esc50::train
