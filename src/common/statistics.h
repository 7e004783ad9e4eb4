#pragma once
// The one definition of a spread over folds used everywhere results are quoted: the sample
// standard deviation (n - 1), as CV results are usually reported.
#include <cmath>
#include <span>

namespace esc50 {

struct MeanStd {
  double mean = 0;
  double std = 0;  // sample standard deviation (n - 1); 0 for fewer than two values
};

inline MeanStd mean_and_sample_std(std::span<const double> values) {
  MeanStd out;
  if (values.empty()) return out;
  for (double v : values) out.mean += v;
  out.mean /= double(values.size());
  if (values.size() < 2) return out;
  double squares = 0;
  for (double v : values) squares += (v - out.mean) * (v - out.mean);
  out.std = std::sqrt(squares / double(values.size() - 1));
  return out;
}

}  // namespace esc50
