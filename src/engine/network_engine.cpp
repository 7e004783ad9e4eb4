#include "engine/network_engine.h"

#include <omp.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <mutex>
#include <unordered_map>
#include <variant>
#include <vector>

#include <oneapi/dnnl/dnnl.hpp>

#include "common/error.h"

namespace esc50::engine {
namespace {

using dnnl::memory;
using Tag = memory::format_tag;
using DataType = memory::data_type;
using Args = std::unordered_map<int, memory>;

// Larger batches are run in chunks: activations grow with the batch, throughput does not.
constexpr int kMaxBatch = 8;
// Activations of one chunk at most; a model file whose window alone needs more is refused.
constexpr size_t kMaxPlanBytes = size_t(1) << 29;

// A convolution with its batch norm folded in: w' = w·γ/√(σ²+ε), b' = (b − μ)·γ/√(σ²+ε) + β.
struct FoldedConv {
  model::ConvSpec spec;
  std::vector<float> weights;  // [out, in, k, k]
  std::vector<float> bias;     // [out]
};

FoldedConv fold(const model::ConvSpec& spec, const model::TensorTable& tensors) {
  FoldedConv c{spec, tensors.at(spec.name + ".weight").values, std::vector<float>(size_t(spec.out), 0.0f)};
  if (spec.bias) c.bias = tensors.at(spec.name + ".bias").values;
  if (spec.batch_norm.empty()) return c;
  const auto& gamma = tensors.at(spec.batch_norm + ".weight").values;
  const auto& beta = tensors.at(spec.batch_norm + ".bias").values;
  const auto& mean = tensors.at(spec.batch_norm + ".running_mean").values;
  const auto& var = tensors.at(spec.batch_norm + ".running_var").values;
  const size_t per_output = size_t(spec.in) * spec.kernel * spec.kernel;
  for (size_t o = 0; o < size_t(spec.out); ++o) {
    const double scale = gamma[o] / std::sqrt(double(var[o]) + model::kBatchNormEpsilon);
    for (size_t i = 0; i < per_output; ++i) c.weights[o * per_output + i] = float(c.weights[o * per_output + i] * scale);
    c.bias[o] = float((c.bias[o] - mean[o]) * scale + beta[o]);
  }
  return c;
}

struct ResidualLayer {
  int first = 0, second = 0, shortcut = -1;  // indices into the folded convolutions
};
using Layer = std::variant<int, model::PoolSpec, ResidualLayer>;  // int: a convolution

struct AlignedFree {
  void operator()(void* p) const { std::free(p); }
};

// Primitives and buffers for one batch size, used by one call at a time.
struct Plan {
  int batch = 0;
  size_t bytes = 0;  // activations
  std::vector<std::unique_ptr<void, AlignedFree>> slots;
  memory input;   // f32 NCHW: the scaled decibels
  memory output;  // f32 NCHW: the last feature map
  std::vector<std::pair<dnnl::primitive, Args>> steps;
  dnnl::stream stream;
  std::vector<float> embedding;
};

// The folded network and its cached oneDNN state.
struct Network {
  dnnl::engine cpu{dnnl::engine::kind::cpu, 0};
  DataType data_type = DataType::f32;
  int n_mels = 0, frames = 0;
  std::vector<FoldedConv> convs;
  std::vector<Layer> layers;
  model::GlobalPool global_pool = model::GlobalPool::mean;
  int n_classes = 0, embedding_size = 0;
  std::vector<float> classifier_weights, classifier_bias;
  int chunk = kMaxBatch;  // windows per run of the network

  mutable std::mutex mutex;  // guards everything below
  // Weights reordered into the layout oneDNN's kernel chose, per convolution and layout.
  mutable std::vector<std::vector<std::pair<memory::desc, memory>>> packed_weights;
  mutable std::unordered_map<int, std::vector<std::unique_ptr<Plan>>> idle_plans;

  std::unique_ptr<Plan> take_plan(int batch) const;
  void give_back(std::unique_ptr<Plan> plan) const;
  std::unique_ptr<Plan> build_plan(int batch) const;
  memory packed(int conv, const memory::desc& layout) const;
  void head(Plan& plan, bool embedding, float* out) const;
};

// Records a plan's steps over symbolic activations, then gives each activation a place in a
// few reused buffers (an activation's buffer is free again once its last reader has run).
class PlanBuilder {
 public:
  PlanBuilder(const Network& net, int batch) : net_(net), batch_(batch) {}

  int add(const memory::desc& md) {
    int slot = -1;
    for (size_t s = 0; s < busy_.size() && slot < 0; ++s)
      if (!busy_[s]) slot = int(s);
    if (slot < 0) {
      slot = int(busy_.size());
      busy_.push_back(false);
      bytes_.push_back(0);
    }
    busy_[size_t(slot)] = true;
    bytes_[size_t(slot)] = std::max(bytes_[size_t(slot)], md.get_size());
    activations_.push_back({md, slot});
    return int(activations_.size()) - 1;
  }
  void release(int activation) { busy_[size_t(activations_[size_t(activation)].slot)] = false; }
  const memory::desc& md(int activation) const { return activations_[size_t(activation)].md; }

  void step(dnnl::primitive primitive, std::vector<std::pair<int, int>> activation_args, Args fixed = {}) {
    steps_.push_back({std::move(primitive), std::move(activation_args), std::move(fixed)});
  }

  // `x` in layout `md`: itself, or a reordered copy.
  int in_layout(int x, const memory::desc& md) {
    if (this->md(x) == md) return x;
    const int y = add(md);
    step(dnnl::reorder(dnnl::reorder::primitive_desc(net_.cpu, this->md(x), net_.cpu, md)),
         {{DNNL_ARG_FROM, x}, {DNNL_ARG_TO, y}});
    return y;
  }

  dnnl::convolution_forward::primitive_desc conv_desc(int index, const memory::dims& src_dims,
                                                      const memory::desc* dst, bool sum_then_relu) const {
    const auto& s = net_.convs[size_t(index)].spec;
    const auto out_size = [&](int64_t size) { return model::sliding_output_size(size, s.kernel, s.stride, s.padding); };
    const memory::dims dst_dims = {src_dims[0], s.out, out_size(src_dims[2]), out_size(src_dims[3])};
    const auto type = net_.data_type;
    dnnl::convolution_forward::desc d(
        dnnl::prop_kind::forward_inference, dnnl::algorithm::convolution_direct,
        memory::desc(src_dims, type, Tag::any), memory::desc({s.out, s.in, s.kernel, s.kernel}, type, Tag::any),
        memory::desc({s.out}, DataType::f32, Tag::x), dst ? *dst : memory::desc(dst_dims, type, Tag::any),
        {s.stride, s.stride}, {s.padding, s.padding}, {s.padding, s.padding});
    dnnl::post_ops ops;
    if (sum_then_relu) ops.append_sum(1.0f);
    if (s.relu || sum_then_relu) ops.append_eltwise(1.0f, dnnl::algorithm::eltwise_relu, 0.0f, 0.0f);
    dnnl::primitive_attr attr;
    attr.set_post_ops(ops);
    return {d, attr, net_.cpu};
  }

  // Runs convolution `index` on `x` into `dst` (a new activation when -1, else added to it).
  // `x` stays live.
  int conv(int x, int index, const dnnl::convolution_forward::primitive_desc& pd, int dst = -1) {
    const int src = in_layout(x, pd.src_desc());
    if (dst < 0) dst = add(pd.dst_desc());
    const auto& c = net_.convs[size_t(index)];
    memory bias({{c.spec.out}, DataType::f32, Tag::x}, net_.cpu, const_cast<float*>(c.bias.data()));
    step(dnnl::convolution_forward(pd), {{DNNL_ARG_SRC, src}, {DNNL_ARG_DST, dst}},
         {{DNNL_ARG_WEIGHTS, net_.packed(index, pd.weights_desc())}, {DNNL_ARG_BIAS, bias}});
    if (src != x) release(src);
    return dst;
  }

  int operator()(int x, int c) {
    const auto pd = conv_desc(c, md(x).dims(), nullptr, false);
    const int y = conv(x, c, pd);
    release(x);
    return y;
  }

  int operator()(int x, const model::PoolSpec& p) {
    const auto dims = md(x).dims();
    const auto out_size = [&](int64_t size) { return model::sliding_output_size(size, p.kernel, p.stride, p.padding); };
    const memory::dims dst_dims = {dims[0], dims[1], out_size(dims[2]), out_size(dims[3])};
    dnnl::pooling_forward::desc d(
        dnnl::prop_kind::forward_inference,
        p.kind == model::PoolSpec::Kind::max ? dnnl::algorithm::pooling_max
                                             : dnnl::algorithm::pooling_avg_exclude_padding,
        md(x), memory::desc(dst_dims, net_.data_type, Tag::any), {p.stride, p.stride},
        {p.kernel, p.kernel}, {p.padding, p.padding}, {p.padding, p.padding});
    dnnl::pooling_forward::primitive_desc pd(d, net_.cpu);
    const int y = add(pd.dst_desc());
    step(dnnl::pooling_forward(pd), {{DNNL_ARG_SRC, x}, {DNNL_ARG_DST, y}});
    release(x);
    return y;
  }

  // relu(second(first(x)) + shortcut(x)): the second convolution adds into the shortcut's
  // values in place (oneDNN's sum post-op).
  int operator()(int x, const ResidualLayer& r) {
    const auto first_pd = conv_desc(r.first, md(x).dims(), nullptr, false);
    const int y = conv(x, r.first, first_pd);
    const auto second_pd = conv_desc(r.second, md(y).dims(), nullptr, true);
    int sum = -1;
    if (r.shortcut >= 0) {
      const auto dst = second_pd.dst_desc();
      sum = conv(x, r.shortcut, conv_desc(r.shortcut, md(x).dims(), &dst, false));
      release(x);
    } else {
      sum = in_layout(x, second_pd.dst_desc());
      if (sum != x) release(x);
    }
    conv(y, r.second, second_pd, sum);
    release(y);
    return sum;
  }

  std::unique_ptr<Plan> build() {
    auto plan = std::make_unique<Plan>();
    plan->batch = batch_;
    const memory::desc input_md({batch_, 1, net_.n_mels, net_.frames}, DataType::f32, Tag::nchw);
    const int input = add(input_md);
    int x = input;
    for (const auto& layer : net_.layers) x = std::visit([&](const auto& l) { return (*this)(x, l); }, layer);
    const int output = in_layout(x, memory::desc(md(x).dims(), DataType::f32, Tag::nchw));

    for (size_t bytes : bytes_) plan->bytes += bytes;
    if (plan->bytes > kMaxPlanBytes)
      throw Error("the network needs " + std::to_string(plan->bytes >> 20) + " MiB of activations for " +
                  std::to_string(batch_) + " window(s) of " + std::to_string(net_.n_mels) + " × " +
                  std::to_string(net_.frames) + " (the engine's limit is " + std::to_string(kMaxPlanBytes >> 20) + " MiB)");
    for (size_t bytes : bytes_) {
      void* p = std::aligned_alloc(64, (bytes + 63) / 64 * 64);
      if (!p) throw std::bad_alloc();
      plan->slots.emplace_back(p);
    }
    std::vector<memory> memories;
    for (const auto& a : activations_) memories.emplace_back(a.md, net_.cpu, plan->slots[size_t(a.slot)].get());
    for (auto& s : steps_) {
      for (const auto& [arg, activation] : s.activation_args) s.fixed[arg] = memories[size_t(activation)];
      plan->steps.emplace_back(std::move(s.primitive), std::move(s.fixed));
    }
    plan->input = memories[size_t(input)];
    plan->output = memories[size_t(output)];
    plan->stream = dnnl::stream(net_.cpu);
    plan->embedding.resize(size_t(batch_) * size_t(net_.embedding_size));
    return plan;
  }

 private:
  struct Activation {
    memory::desc md;
    int slot;
  };
  struct PendingStep {
    dnnl::primitive primitive;
    std::vector<std::pair<int, int>> activation_args;
    Args fixed;
  };
  const Network& net_;
  int batch_;
  std::vector<Activation> activations_;
  std::vector<bool> busy_;
  std::vector<size_t> bytes_;
  std::vector<PendingStep> steps_;
};

memory Network::packed(int conv, const memory::desc& layout) const {
  for (const auto& [md, m] : packed_weights[size_t(conv)])
    if (md == layout) return m;
  const auto& c = convs[size_t(conv)];
  memory plain({{c.spec.out, c.spec.in, c.spec.kernel, c.spec.kernel}, DataType::f32, Tag::oihw}, cpu,
               const_cast<float*>(c.weights.data()));
  memory m(layout, cpu);
  dnnl::stream stream(cpu);
  dnnl::reorder(plain, m).execute(stream, plain, m);
  stream.wait();
  packed_weights[size_t(conv)].emplace_back(layout, m);
  return m;
}

std::unique_ptr<Plan> Network::build_plan(int batch) const {
  return PlanBuilder(*this, batch).build();
}

std::unique_ptr<Plan> Network::take_plan(int batch) const {
  std::lock_guard lock(mutex);
  auto& idle = idle_plans[batch];
  if (idle.empty()) return build_plan(batch);
  auto plan = std::move(idle.back());
  idle.pop_back();
  return plan;
}

void Network::give_back(std::unique_ptr<Plan> plan) const {
  std::lock_guard lock(mutex);
  idle_plans[plan->batch].push_back(std::move(plan));
}

void Network::head(Plan& plan, bool embedding, float* out) const {
  const auto dims = plan.output.get_desc().dims();
  const int64_t channels = dims[1], height = dims[2], width = dims[3];
  const float* map = static_cast<const float*>(plan.output.get_data_handle());
  for (int64_t b = 0; b < plan.batch; ++b) {
    float* e = embedding ? out + b * channels : plan.embedding.data() + b * channels;
    for (int64_t c = 0; c < channels; ++c) {
      const float* m = map + (b * channels + c) * height * width;
      if (global_pool == model::GlobalPool::mean) {
        double sum = 0;
        for (int64_t i = 0; i < height * width; ++i) sum += m[i];
        e[c] = float(sum / double(height * width));
        continue;
      }
      double peak = -std::numeric_limits<double>::infinity(), total = 0;
      for (int64_t t = 0; t < width; ++t) {
        double column = 0;
        for (int64_t h = 0; h < height; ++h) column += m[h * width + t];
        column /= double(height);
        peak = std::max(peak, column);
        total += column;
      }
      e[c] = float(peak + total / double(width));
    }
    if (embedding) continue;
    for (int o = 0; o < n_classes; ++o) {
      const float* w = classifier_weights.data() + size_t(o) * size_t(embedding_size);
      double logit = classifier_bias[size_t(o)];
      for (int i = 0; i < embedding_size; ++i) logit += double(w[i]) * e[i];
      out[b * n_classes + o] = float(logit);
    }
  }
}

}  // namespace

struct NetworkEngine::Impl : Network {};

NetworkEngine::NetworkEngine(const model::NetworkSpec& spec, const model::TensorTable& tensors,
                             Precision precision, int n_mels, int frames)
    : impl_(std::make_unique<Impl>()) {
  auto& net = *impl_;
  net.data_type = precision == Precision::bf16 ? DataType::bf16 : DataType::f32;
  net.n_mels = n_mels;
  net.frames = frames;
  auto add_conv = [&](const model::ConvSpec& c) {
    net.convs.push_back(fold(c, tensors));
    return int(net.convs.size()) - 1;
  };
  for (const auto& layer : spec.layers) {
    if (const auto* c = std::get_if<model::ConvSpec>(&layer)) net.layers.emplace_back(add_conv(*c));
    if (const auto* p = std::get_if<model::PoolSpec>(&layer)) net.layers.emplace_back(*p);
    if (const auto* r = std::get_if<model::ResidualSpec>(&layer)) {
      ResidualLayer residual{add_conv(r->first), add_conv(r->second), -1};
      if (r->shortcut) residual.shortcut = add_conv(*r->shortcut);
      net.layers.emplace_back(residual);
    }
  }
  net.global_pool = spec.global_pool;
  net.n_classes = spec.classifier.out;
  net.embedding_size = spec.classifier.in;
  net.classifier_weights = tensors.at(spec.classifier.name + ".weight").values;
  net.classifier_bias = tensors.at(spec.classifier.name + ".bias").values;
  net.packed_weights.resize(net.convs.size());
  try {
    auto plan = net.build_plan(1);
    net.chunk = int(std::clamp<size_t>(kMaxPlanBytes / std::max<size_t>(plan->bytes, 1), 1, kMaxBatch));
    net.give_back(std::move(plan));
  } catch (const dnnl::error& e) {
    if (precision == Precision::bf16)
      throw Error(std::string("bf16 inference is not available on this CPU (oneDNN's bf16 kernels need "
                              "AVX-512; use precision fp32): ") + e.what());
    throw Error(std::string("the inference engine cannot run this network: ") + e.what());
  }
}

NetworkEngine::NetworkEngine(NetworkEngine&&) noexcept = default;
NetworkEngine& NetworkEngine::operator=(NetworkEngine&&) noexcept = default;
NetworkEngine::~NetworkEngine() = default;

int NetworkEngine::n_classes() const { return impl_->n_classes; }
int NetworkEngine::embedding_size() const { return impl_->embedding_size; }

void NetworkEngine::run(const float* decibels, int batch, bool embedding, float* out, int threads) const {
  // oneDNN's OpenMP threads are a per-calling-thread setting.
  omp_set_num_threads(threads > 0 ? threads : omp_get_num_procs());
  const auto& net = *impl_;
  const size_t values = size_t(net.n_mels) * size_t(net.frames);
  const size_t row = size_t(embedding ? net.embedding_size : net.n_classes);
  for (int first = 0; first < batch; first += net.chunk) {
    const int n = std::min(net.chunk, batch - first);
    auto plan = net.take_plan(n);
    float* input = static_cast<float*>(plan->input.get_data_handle());
    const float* source = decibels + size_t(first) * values;
    for (size_t i = 0; i < size_t(n) * values; ++i)
      input[i] = (source[i] + model::kDecibelOffset) / model::kDecibelScale;
    for (auto& [primitive, args] : plan->steps) primitive.execute(plan->stream, args);
    plan->stream.wait();
    net.head(*plan, embedding, out + size_t(first) * row);
    net.give_back(std::move(plan));
  }
}

std::string engine_description() {
  const auto* v = dnnl::version();
  return "oneDNN " + std::to_string(v->major) + "." + std::to_string(v->minor) + "." +
         std::to_string(v->patch) + " (CPU)";
}

}  // namespace esc50::engine
