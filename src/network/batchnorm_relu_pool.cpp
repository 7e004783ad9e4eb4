#include "network/batchnorm_relu_pool.h"

#include <ATen/Parallel.h>
#include <torch/autograd.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstdint>
#include <vector>

#include "common/vector_clones.h"

namespace esc50::network {

namespace {

using Bf16 = uint16_t;  // the bits of a c10::BFloat16

inline float load(const float* p) { return *p; }
inline float load(const Bf16* p) { return std::bit_cast<float>(uint32_t(*p) << 16); }
inline void store(float* p, float v) { *p = v; }
inline void store(Bf16* p, float v) {  // rounds to nearest even, as c10::BFloat16 does
  const uint32_t bits = std::bit_cast<uint32_t>(v);
  *p = v != v ? Bf16(0x7fc0) : Bf16((bits + 0x7fffu + ((bits >> 16) & 1u)) >> 16);
}

// Per channel: the normalisation (x − mean) · scale + bias. Subtracting the mean first keeps
// the result exact when the mean is large against the spread.
struct Affine {
  const float* mean;
  const float* scale;
  const float* bias;
  long channels;

  float operator()(float v, long k) const { return (v - mean[k]) * scale[k] + bias[k]; }
};

// A row is the `pixels` × `channels` values of one image row (channels-last). Sums of x − pivot
// and its square: a pivot near the mean keeps the variance exact when the mean is large.
template <typename T>
[[gnu::always_inline]] inline void add_moments(const T* x, long pixels, long channels, const float* pivot, float* sum,
                                               float* sum_sq) {
  for (long p = 0; p < pixels; ++p, x += channels)
#pragma GCC ivdep
    for (long k = 0; k < channels; ++k) {
      const float v = load(x + k) - pivot[k];
      sum[k] += v;
      sum_sq[k] += v * v;
    }
}
ESC50_VECTOR_CLONES void row_moments(const float* x, long pixels, long channels, const float* pivot, float* sum,
                                     float* sum_sq) {
  add_moments(x, pixels, channels, pivot, sum, sum_sq);
}
ESC50_VECTOR_CLONES void row_moments(const Bf16* x, long pixels, long channels, const float* pivot, float* sum,
                                     float* sum_sq) {
  add_moments(x, pixels, channels, pivot, sum, sum_sq);
}

template <typename T>
[[gnu::always_inline]] inline void normalize(const T* x, T* y, long pixels, Affine a) {
  for (long p = 0; p < pixels; ++p, x += a.channels, y += a.channels)
#pragma GCC ivdep
    for (long k = 0; k < a.channels; ++k) store(y + k, std::max(a(load(x + k), k), 0.0f));
}
ESC50_VECTOR_CLONES void row_normalize(const float* x, float* y, long pixels, Affine a) { normalize(x, y, pixels, a); }
ESC50_VECTOR_CLONES void row_normalize(const Bf16* x, Bf16* y, long pixels, Affine a) { normalize(x, y, pixels, a); }

// One pooled row from the two input rows `top` and `bottom`.
template <typename T>
[[gnu::always_inline]] inline void normalize_pool(const T* top, const T* bottom, T* y, long out_pixels, Affine a) {
  const long c = a.channels;
  for (long p = 0; p < out_pixels; ++p, top += 2 * c, bottom += 2 * c, y += c)
#pragma GCC ivdep
    for (long k = 0; k < c; ++k) {
      const float sum = std::max(a(load(top + k), k), 0.0f) + std::max(a(load(top + c + k), k), 0.0f) +
                        std::max(a(load(bottom + k), k), 0.0f) + std::max(a(load(bottom + c + k), k), 0.0f);
      store(y + k, 0.25f * sum);
    }
}
ESC50_VECTOR_CLONES void row_normalize_pool(const float* top, const float* bottom, float* y, long out_pixels, Affine a) {
  normalize_pool(top, bottom, y, out_pixels, a);
}
ESC50_VECTOR_CLONES void row_normalize_pool(const Bf16* top, const Bf16* bottom, Bf16* y, long out_pixels, Affine a) {
  normalize_pool(top, bottom, y, out_pixels, a);
}

// The gradient reaching the output of the row's first `pixels`: pixel p reads the gradient row
// at pixel p >> shift (1 under pooling), times `factor` (the pooling's 1/4).
template <typename T>
struct GradRow {
  const T* values;
  int shift;
  float factor;
};

// Sums over a row of dz, the gradient at the norm's output (zero where the ReLU was off), and
// of dz · (x − mean).
template <typename T>
[[gnu::always_inline]] inline void add_grad_moments(const T* x, GradRow<T> g, long pixels, Affine a, float* sum_dz,
                                                    float* sum_dz_xc) {
  for (long p = 0; p < pixels; ++p, x += a.channels) {
    const T* gp = g.values + (p >> g.shift) * a.channels;
#pragma GCC ivdep
    for (long k = 0; k < a.channels; ++k) {
      // A product with 0 or 1 rather than a branch, which would not vectorise.
      const float v = load(x + k), on = a(v, k) > 0.0f ? 1.0f : 0.0f;
      const float dz = load(gp + k) * g.factor * on;
      sum_dz[k] += dz;
      sum_dz_xc[k] += dz * (v - a.mean[k]);
    }
  }
}
ESC50_VECTOR_CLONES void row_grad_moments(const float* x, GradRow<float> g, long pixels, Affine a, float* sum_dz,
                                          float* sum_dz_xc) {
  add_grad_moments(x, g, pixels, a, sum_dz, sum_dz_xc);
}
ESC50_VECTOR_CLONES void row_grad_moments(const Bf16* x, GradRow<Bf16> g, long pixels, Affine a, float* sum_dz,
                                          float* sum_dz_xc) {
  add_grad_moments(x, g, pixels, a, sum_dz, sum_dz_xc);
}

// dx = alpha · dz + beta · (x − mean) + delta per channel (batch norm's backward, rearranged); pixels
// from `with_grad` on had no gradient (dropped by the pooling).
struct InputGradCoefficients {
  const float* alpha;
  const float* beta;
  const float* delta;
};
template <typename T>
[[gnu::always_inline]] inline void input_grad(const T* x, GradRow<T> g, long with_grad, long pixels, Affine a,
                                              InputGradCoefficients k, T* dx) {
  const long c = a.channels;
  long p = 0;
  for (; p < with_grad; ++p, x += c, dx += c) {
    const T* gp = g.values + (p >> g.shift) * c;
#pragma GCC ivdep
    for (long i = 0; i < c; ++i) {
      const float v = load(x + i), on = a(v, i) > 0.0f ? 1.0f : 0.0f;
      const float dz = load(gp + i) * g.factor * on;
      store(dx + i, k.alpha[i] * dz + k.beta[i] * (v - a.mean[i]) + k.delta[i]);
    }
  }
  for (; p < pixels; ++p, x += c, dx += c)
#pragma GCC ivdep
    for (long i = 0; i < c; ++i) store(dx + i, k.beta[i] * (load(x + i) - a.mean[i]) + k.delta[i]);
}
ESC50_VECTOR_CLONES void row_input_grad(const float* x, GradRow<float> g, long with_grad, long pixels, Affine a,
                                        InputGradCoefficients k, float* dx) {
  input_grad(x, g, with_grad, pixels, a, k, dx);
}
ESC50_VECTOR_CLONES void row_input_grad(const Bf16* x, GradRow<Bf16> g, long with_grad, long pixels, Affine a,
                                        InputGradCoefficients k, Bf16* dx) {
  input_grad(x, g, with_grad, pixels, a, k, dx);
}

struct Geometry {
  long batch, channels, height, width;
  bool pool;

  explicit Geometry(const torch::Tensor& x, bool pooled)
      : batch(x.size(0)), channels(x.size(1)), height(x.size(2)), width(x.size(3)), pool(pooled) {}
  long rows() const { return batch * height; }
  long values() const { return rows() * width; }  // per channel
  long out_height() const { return pool ? height / 2 : height; }
  long out_width() const { return pool ? width / 2 : width; }
};

// Two per-channel sums over all rows, `add_row(row, a, b)` adding one row's into a and b.
// Rows are split into a fixed number of chunks summed in order, so that a run is repeatable
// for a given thread count.
template <typename AddRow>
std::pair<std::vector<double>, std::vector<double>> channel_sums(long rows, long channels, AddRow add_row) {
  const long chunks = std::max(1L, std::min<long>(at::get_num_threads(), rows));
  std::vector<double> partial(size_t(chunks * 2 * channels), 0.0);
  at::parallel_for(0, chunks, 1, [&](int64_t begin, int64_t end) {
    std::vector<float> a(static_cast<size_t>(channels)), b(static_cast<size_t>(channels));
    for (long chunk = begin; chunk < end; ++chunk) {
      double* sum_a = partial.data() + chunk * 2 * channels;
      double* sum_b = sum_a + channels;
      for (long r = rows * chunk / chunks; r < rows * (chunk + 1) / chunks; ++r) {
        std::fill(a.begin(), a.end(), 0.0f);
        std::fill(b.begin(), b.end(), 0.0f);
        add_row(r, a.data(), b.data());
        for (long k = 0; k < channels; ++k) {
          sum_a[k] += a[k];
          sum_b[k] += b[k];
        }
      }
    }
  });
  std::vector<double> a(static_cast<size_t>(channels), 0.0), b(static_cast<size_t>(channels), 0.0);
  for (long chunk = 0; chunk < chunks; ++chunk)
    for (long k = 0; k < channels; ++k) {
      a[k] += partial[size_t(chunk * 2 * channels + k)];
      b[k] += partial[size_t(chunk * 2 * channels + channels + k)];
    }
  return {a, b};
}

// The Affine of a batch's statistics and the module's weight and bias (owning its scale).
struct Normalisation {
  std::vector<float> scale;
  Affine affine;

  Normalisation(const torch::Tensor& mean, const torch::Tensor& inv_std, const torch::Tensor& weight,
                const torch::Tensor& bias)
      : scale(static_cast<size_t>(mean.numel())) {
    const float *s = inv_std.data_ptr<float>(), *w = weight.data_ptr<float>();
    for (size_t k = 0; k < scale.size(); ++k) scale[k] = w[k] * s[k];
    affine = {mean.data_ptr<float>(), scale.data(), bias.data_ptr<float>(), mean.numel()};
  }
  Normalisation(const Normalisation&) = delete;  // affine points into scale
};

template <typename T>
void forward_output(const T* x, T* y, const Geometry& g, Affine a) {
  const long c = g.channels, row = g.width * c, out_row = g.out_width() * c;
  at::parallel_for(0, g.batch * g.out_height(), 1, [&](int64_t begin, int64_t end) {
    for (long r = begin; r < end; ++r) {
      if (!g.pool) {
        row_normalize(x + r * row, y + r * row, g.width, a);
        continue;
      }
      const long n = r / g.out_height(), h = 2 * (r % g.out_height());
      const T* top = x + (n * g.height + h) * row;
      row_normalize_pool(top, top + row, y + r * out_row, g.out_width(), a);
    }
  });
}

struct BatchStatistics {
  torch::Tensor mean, inv_std, unbiased_var;
};

// The batch's statistics, and the output y.
template <typename T>
BatchStatistics forward_of(const T* x, T* y, const Geometry& g, const torch::Tensor& weight, const torch::Tensor& bias,
                           double eps) {
  const long c = g.channels, row = g.width * c;
  std::vector<float> pivot(static_cast<size_t>(c));  // the first pixel's values
  for (long k = 0; k < c; ++k) pivot[k] = load(x + k);
  const auto [sum, sum_sq] = channel_sums(g.rows(), c, [&](long r, float* s, float* s2) {
    row_moments(x + r * row, g.width, c, pivot.data(), s, s2);
  });
  BatchStatistics b{torch::empty({c}, torch::kFloat), torch::empty({c}, torch::kFloat), torch::empty({c}, torch::kFloat)};
  const double count = double(g.values());
  for (long k = 0; k < c; ++k) {
    const double offset = sum[k] / count, var = std::max(0.0, sum_sq[k] / count - offset * offset);
    b.mean.data_ptr<float>()[k] = float(pivot[k] + offset);
    b.inv_std.data_ptr<float>()[k] = float(1.0 / std::sqrt(var + eps));
    b.unbiased_var.data_ptr<float>()[k] = float(count > 1 ? var * count / (count - 1) : var);
  }
  const Normalisation norm(b.mean, b.inv_std, weight, bias);
  forward_output(x, y, g, norm.affine);
  return b;
}

// The gradient row reaching input row r, or none (a row the pooling dropped).
template <typename T>
const T* grad_row_of(const T* grad, const Geometry& g, long r) {
  if (!g.pool) return grad + r * g.width * g.channels;
  const long n = r / g.height, h = r % g.height;
  if (h >= 2 * g.out_height()) return nullptr;
  return grad + (n * g.out_height() + h / 2) * g.out_width() * g.channels;
}

template <typename T>
std::vector<torch::Tensor> backward_of(const T* x, const T* grad, T* dx, const Geometry& g, const torch::Tensor& mean,
                                       const torch::Tensor& inv_std, const torch::Tensor& weight,
                                       const torch::Tensor& bias) {
  const Normalisation norm(mean, inv_std, weight, bias);
  const Affine& a = norm.affine;
  const long c = g.channels, row = g.width * c;
  const int shift = g.pool ? 1 : 0;
  const float factor = g.pool ? 0.25f : 1.0f;
  const long with_grad = g.pool ? 2 * g.out_width() : g.width;
  const float* s = inv_std.data_ptr<float>();
  const auto [sum_dz, sum_dz_xc] = channel_sums(g.rows(), c, [&](long r, float* s_dz, float* s_dz_xc) {
    if (const T* gr = grad_row_of(grad, g, r))
      row_grad_moments(x + r * row, GradRow<T>{gr, shift, factor}, with_grad, a, s_dz, s_dz_xc);
  });
  auto grad_weight = torch::empty({c}, torch::kFloat), grad_bias = torch::empty({c}, torch::kFloat);
  std::vector<float> alpha(static_cast<size_t>(c)), beta(static_cast<size_t>(c)), delta(static_cast<size_t>(c));
  const double count = double(g.values());
  for (long k = 0; k < c; ++k) {
    const double dz_xhat = s[k] * sum_dz_xc[k];
    grad_weight.data_ptr<float>()[k] = float(dz_xhat);
    grad_bias.data_ptr<float>()[k] = float(sum_dz[k]);
    const double mean_dz = sum_dz[k] / count, slope = dz_xhat / count;
    alpha[k] = norm.scale[k];
    beta[k] = float(-norm.scale[k] * s[k] * slope);
    delta[k] = float(-norm.scale[k] * mean_dz);
  }
  const InputGradCoefficients coefficients{alpha.data(), beta.data(), delta.data()};
  at::parallel_for(0, g.rows(), 1, [&](int64_t begin, int64_t end) {
    for (long r = begin; r < end; ++r) {
      const T* gr = grad_row_of(grad, g, r);
      row_input_grad(x + r * row, GradRow<T>{gr, shift, factor}, gr ? with_grad : 0, g.width, a, coefficients,
                     dx + r * row);
    }
  });
  return {grad_weight, grad_bias};
}

template <typename T>
T* pointer(const torch::Tensor& t) {
  return reinterpret_cast<T*>(t.data_ptr());
}

class BatchNormReluPoolFunction : public torch::autograd::Function<BatchNormReluPoolFunction> {
 public:
  static torch::Tensor forward(torch::autograd::AutogradContext* ctx, const torch::Tensor& x, const torch::Tensor& weight,
                               const torch::Tensor& bias, const torch::Tensor& running_mean,
                               const torch::Tensor& running_var, double momentum, double eps, bool pool) {
    const Geometry g(x, pool);
    auto y = torch::empty({g.batch, g.channels, g.out_height(), g.out_width()},
                          x.options().memory_format(torch::MemoryFormat::ChannelsLast));
    const auto [mean, inv_std, unbiased_var] =
        x.scalar_type() == torch::kBFloat16
            ? forward_of(pointer<const Bf16>(x), pointer<Bf16>(y), g, weight, bias, eps)
            : forward_of(pointer<const float>(x), pointer<float>(y), g, weight, bias, eps);
    {
      torch::NoGradGuard no_grad;
      running_mean.mul_(1 - momentum).add_(mean, momentum);
      running_var.mul_(1 - momentum).add_(unbiased_var, momentum);
    }
    ctx->save_for_backward({x, weight, bias, mean, inv_std});
    ctx->saved_data["pool"] = pool;
    return y;
  }

  static torch::autograd::variable_list backward(torch::autograd::AutogradContext* ctx,
                                                 torch::autograd::variable_list grads) {
    const auto saved = ctx->get_saved_variables();
    const auto& x = saved[0];
    const Geometry g(x, ctx->saved_data["pool"].toBool());
    // A gradient may arrive in another layout (the last block's comes from a mean: expanded).
    const auto grad = grads[0].to(x.scalar_type()).contiguous(torch::MemoryFormat::ChannelsLast);
    auto dx = torch::empty_like(x, torch::MemoryFormat::ChannelsLast);
    const auto params = x.scalar_type() == torch::kBFloat16
                            ? backward_of(pointer<const Bf16>(x), pointer<const Bf16>(grad), pointer<Bf16>(dx), g,
                                          saved[3], saved[4], saved[1], saved[2])
                            : backward_of(pointer<const float>(x), pointer<const float>(grad), pointer<float>(dx), g,
                                          saved[3], saved[4], saved[1], saved[2]);
    return {dx, params[0], params[1], {}, {}, {}, {}, {}};
  }
};

}  // namespace

bool batchnorm_relu_pool_applies(const torch::Tensor& x, const torch::nn::BatchNorm2dImpl& norm, bool pool) {
  const auto& o = norm.options;
  const auto float_vector = [&](const torch::Tensor& t) {
    return t.device().is_cpu() && t.scalar_type() == torch::kFloat && t.is_contiguous() && t.numel() == x.size(1);
  };
  return norm.is_training() && o.affine() && o.track_running_stats() && o.momentum().has_value() &&
         x.device().is_cpu() && x.dim() == 4 &&
         (x.scalar_type() == torch::kFloat || x.scalar_type() == torch::kBFloat16) &&
         x.is_contiguous(torch::MemoryFormat::ChannelsLast) && x.size(0) * x.size(2) * x.size(3) > 1 &&
         (!pool || (x.size(2) >= 2 && x.size(3) >= 2)) && float_vector(norm.weight) && float_vector(norm.bias) &&
         float_vector(norm.running_mean) && float_vector(norm.running_var);
}

torch::Tensor batchnorm_relu_pool(const torch::Tensor& x, torch::nn::BatchNorm2dImpl& norm, bool pool) {
  auto y = BatchNormReluPoolFunction::apply(x, norm.weight, norm.bias, norm.running_mean, norm.running_var,
                                            *norm.options.momentum(), norm.options.eps(), pool);
  torch::NoGradGuard no_grad;
  norm.num_batches_tracked += 1;
  return y;
}

}  // namespace esc50::network
