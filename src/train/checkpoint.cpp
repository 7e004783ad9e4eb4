#include "train/checkpoint.h"

#include <torch/serialize.h>

#include <sstream>

#include "common/atomic_file.h"
#include "common/error.h"
#include "common/hash.h"

namespace esc50::train {
namespace {

// A checkpoint is LibTorch's archive followed by this trailer: magic, then the FNV-1a hash of
// the archive. LibTorch's reader can crash the process on a damaged archive (fuzz_checkpoint
// found a SEGV in its TorchScript type parser), so the archive reaches it only when the hash
// matches: a truncated or damaged file is refused by name instead.
constexpr std::string_view kTrailerMagic = "esc50-checkpoint-v1";
constexpr size_t kTrailerSize = kTrailerMagic.size() + sizeof(uint64_t);

std::string with_trailer(std::string archive) {
  const uint64_t hash = fnv1a(archive);
  archive += kTrailerMagic;
  char bytes[sizeof hash];
  for (size_t i = 0; i < sizeof hash; ++i) bytes[i] = char((hash >> (8 * i)) & 0xff);
  archive.append(bytes, sizeof hash);
  return archive;
}

// The archive without its trailer; fails naming the file when the trailer is missing or the
// hash does not match.
std::string_view verified_archive(const std::filesystem::path& file, std::string_view bytes) {
  if (bytes.size() < kTrailerSize || bytes.substr(bytes.size() - kTrailerSize, kTrailerMagic.size()) != kTrailerMagic)
    fail_file(file, "no checkpoint checksum: not an esc50 checkpoint, truncated, or written by an older "
                    "esc50 (restart the run without --resume)");
  uint64_t stored = 0;
  for (size_t i = 0; i < sizeof stored; ++i)
    stored |= uint64_t(static_cast<unsigned char>(bytes[bytes.size() - sizeof stored + i])) << (8 * i);
  const auto archive = bytes.substr(0, bytes.size() - kTrailerSize);
  if (fnv1a(archive) != stored) fail_file(file, "damaged checkpoint: its checksum does not match");
  return archive;
}

}  // namespace

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
  write_file_atomic(file, with_trailer(std::move(bytes).str()));
}

nlohmann::json load_checkpoint(const std::filesystem::path& file, torch::nn::Module& network,
                               torch::optim::Optimizer& optimizer, torch::nn::Module* average,
                               const torch::Device& device) {
  const std::string bytes = read_file(file);
  const auto archive_bytes = verified_archive(file, bytes);
  try {
    torch::serialize::InputArchive archive, weights, optimizer_state, average_weights;
    archive.load_from(archive_bytes.data(), archive_bytes.size(), device);
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
  } catch (const Error&) {
    throw;
  } catch (const c10::Error& e) {
    fail_file(file, std::string("unusable checkpoint: ") + e.what_without_backtrace());
  } catch (const nlohmann::json::exception& e) {
    fail_file(file, std::string("unusable checkpoint state: ") + e.what());
  } catch (const std::exception& e) {
    // LibTorch's TorchScript reader throws std::runtime_error, not c10::Error, for some damaged
    // archives (found by fuzz_checkpoint).
    fail_file(file, std::string("unusable checkpoint: ") + e.what());
  }
}

}  // namespace esc50::train
