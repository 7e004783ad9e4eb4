#include <soxr.h>

#include <cmath>
#include <algorithm>
#include <string>
#include <utility>

#include "audio/audio.h"
#include "audio/resampler.h"
#include "common/error.h"

namespace esc50::audio {

struct Resampler::Soxr {
  soxr_t handle = nullptr;
  ~Soxr() { soxr_delete(handle); }
};

namespace {

void check(soxr_error_t error, const char* what) {
  if (error) throw Error(std::string("resample: libsoxr ") + what + " failed: " + error);
}

// Input is fed in blocks of this many samples so that soxr's internal FIFOs stay small and
// are reused, instead of growing by realloc to the whole clip.
constexpr size_t kBlockSamples = 16384;

}  // namespace

Resampler::Resampler(int from_rate, int to_rate)
    : from_rate_(from_rate), to_rate_(to_rate), soxr_(std::make_unique<Soxr>()) {
  if (from_rate <= 0 || to_rate <= 0) throw Error("resample: sample rates must be positive");
  auto io = soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I);
  auto quality = soxr_quality_spec(SOXR_HQ, 0);
  soxr_error_t error = nullptr;
  soxr_->handle = soxr_create(from_rate, to_rate, 1, &error, &io, &quality, nullptr);
  check(error, "create");
}

Resampler::Resampler(Resampler&&) noexcept = default;
Resampler& Resampler::operator=(Resampler&&) noexcept = default;
Resampler::~Resampler() = default;

void Resampler::drain(const float* input, size_t length, std::vector<float>& out) {
  // Output per call is bounded by the ratio; a flush (input == nullptr) may need several calls.
  const size_t room = size_t(std::ceil(double(length) * to_rate_ / from_rate_)) + 1024;
  while (true) {
    const size_t old_size = out.size();
    out.resize(old_size + room);
    size_t consumed = 0, produced = 0;
    check(soxr_process(soxr_->handle, input, length, &consumed, out.data() + old_size, room, &produced),
          "process");
    out.resize(old_size + produced);
    if (input) {
      input += consumed;
      length -= consumed;
      if (length == 0) return;
    } else if (produced < room) {
      return;
    }
  }
}

void Resampler::process(std::span<const float> input, std::vector<float>& out) {
  for (size_t at = 0; at < input.size(); at += kBlockSamples)
    drain(input.data() + at, std::min(kBlockSamples, input.size() - at), out);
}

void Resampler::flush(std::vector<float>& out) { drain(nullptr, 0, out); }

void Resampler::reset() { check(soxr_clear(soxr_->handle), "clear"); }

namespace {

// One resampler per thread and rate pair: creating one per clip costs more than the clip.
// Only the most recent pairs are kept, because pitch shifting resamples from a new rate nearly
// every time: keeping every pair grew a cross-validation's rendering by about 4 MB a second.
constexpr size_t kResamplersPerThread = 4;

thread_local std::vector<Resampler> recent_resamplers;  // most recently used first

Resampler take_resampler(int from_rate, int to_rate) {
  auto& recent = recent_resamplers;
  auto it = std::find_if(recent.begin(), recent.end(), [&](const Resampler& r) {
    return r.from_rate() == from_rate && r.to_rate() == to_rate;
  });
  if (it == recent.end()) return Resampler(from_rate, to_rate);
  Resampler taken = std::move(*it);
  recent.erase(it);
  return taken;
}

void keep_resampler(Resampler resampler) {
  auto& recent = recent_resamplers;
  if (recent.size() == kResamplersPerThread) recent.pop_back();
  recent.insert(recent.begin(), std::move(resampler));
}

}  // namespace

size_t resamplers_kept_by_this_thread() { return recent_resamplers.size(); }

SignalResampler::SignalResampler(int from_rate, int to_rate) : resampler_(take_resampler(from_rate, to_rate)) {}

SignalResampler::~SignalResampler() {
  if (!healthy_) return;
  try {
    resampler_.reset();
    keep_resampler(std::move(resampler_));
  } catch (...) {  // not kept: the next signal creates a fresh one
  }
}

void SignalResampler::add(std::span<const float> input, std::vector<float>& out) {
  try {
    resampler_.process(input, out);
  } catch (...) {
    healthy_ = false;
    throw;
  }
  input_length_ += input.size();
}

void SignalResampler::finish(std::vector<float>& out) {
  try {
    resampler_.flush(out);
  } catch (...) {
    healthy_ = false;
    throw;
  }
  // Same output length as librosa.resample; zero-fills if soxr produced fewer samples.
  out.resize(static_cast<size_t>(std::ceil(double(input_length_) * resampler_.to_rate() / resampler_.from_rate())));
}

std::vector<float> resample(std::span<const float> samples, int from_rate, int to_rate) {
  if (from_rate <= 0 || to_rate <= 0) throw Error("resample: sample rates must be positive");
  if (from_rate == to_rate) return {samples.begin(), samples.end()};
  SignalResampler resampler(from_rate, to_rate);
  std::vector<float> out;
  out.reserve(static_cast<size_t>(std::ceil(double(samples.size()) * to_rate / from_rate)) + 1024);
  resampler.add(samples, out);
  resampler.finish(out);
  return out;
}

void fit_length(std::vector<float>& samples, size_t length) { samples.resize(length, 0.0f); }

}  // namespace esc50::audio
