// Time stretch and pitch shift with the Rubber Band library, in offline mode: a 5 s clip is
// available whole, so the stretcher can study it first and its output needs no latency
// compensation. One stretcher per call, single-threaded: safe to call from many threads.
#include <rubberband/RubberBandStretcher.h>

#include <algorithm>
#include <cmath>

#include "augment/transforms.h"
#include "common/error.h"

namespace esc50::augment {
namespace {

using RubberBand::RubberBandStretcher;

constexpr size_t kBlock = 4096;

RubberBandStretcher::Options stretcher_options(RubberBandEngine engine) {
  return RubberBandStretcher::OptionProcessOffline | RubberBandStretcher::OptionThreadingNever |
         RubberBandStretcher::OptionPitchHighQuality |
         (engine == RubberBandEngine::finer ? RubberBandStretcher::OptionEngineFiner
                                            : RubberBandStretcher::OptionEngineFaster);
}

void retrieve_available(RubberBandStretcher& rb, Samples& out) {
  for (int avail = rb.available(); avail > 0; avail = rb.available()) {
    const size_t start = out.size();
    out.resize(start + size_t(avail));
    float* dst = out.data() + start;
    out.resize(start + rb.retrieve(&dst, size_t(avail)));
  }
}

// Runs x through a stretcher with the given ratios; returns the output at x's length.
Samples run_stretcher(std::span<const float> x, int sample_rate, double time_ratio,
                      double pitch_scale, RubberBandEngine engine) {
  if (x.empty()) return {};
  RubberBandStretcher rb(size_t(sample_rate), 1, stretcher_options(engine), time_ratio,
                         pitch_scale);
  rb.setExpectedInputDuration(x.size());
  rb.setMaxProcessSize(kBlock);
  for (size_t pos = 0; pos < x.size(); pos += kBlock) {
    const float* src = x.data() + pos;
    const size_t n = std::min(kBlock, x.size() - pos);
    rb.study(&src, n, pos + n == x.size());
  }
  Samples out;
  out.reserve(size_t(double(x.size()) * time_ratio) + kBlock);
  for (size_t pos = 0; pos < x.size(); pos += kBlock) {
    const float* src = x.data() + pos;
    const size_t n = std::min(kBlock, x.size() - pos);
    rb.process(&src, n, pos + n == x.size());
    retrieve_available(rb, out);
  }
  retrieve_available(rb, out);
  out.resize(x.size(), 0.0f);  // crop a slowed clip, zero-pad a sped-up one
  return out;
}

}  // namespace

RubberBandEngine parse_engine(const std::string& name) {
  if (name == "faster") return RubberBandEngine::faster;
  if (name == "finer") return RubberBandEngine::finer;
  throw Error("unknown Rubber Band engine '" + name + "' (expected faster or finer)");
}

Samples time_stretch(std::span<const float> x, int sample_rate, double rate,
                     RubberBandEngine engine) {
  if (!(rate > 0)) throw Error("time stretch rate must be positive");
  return run_stretcher(x, sample_rate, 1.0 / rate, 1.0, engine);
}

Samples pitch_shift(std::span<const float> x, int sample_rate, double semitones,
                    RubberBandEngine engine) {
  return run_stretcher(x, sample_rate, 1.0, std::exp2(semitones / 12.0), engine);
}

}  // namespace esc50::augment
