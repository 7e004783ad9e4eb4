#include "model/network_spec.h"

namespace esc50::model {
namespace {

using Shapes = std::map<std::string, std::vector<int64_t>>;

void add_conv(const ConvSpec& c, Shapes& shapes) {
  shapes[c.name + ".weight"] = {c.out, c.in, c.kernel, c.kernel};
  if (c.bias) shapes[c.name + ".bias"] = {c.out};
  if (!c.batch_norm.empty())
    for (const char* part : {".weight", ".bias", ".running_mean", ".running_var"})
      shapes[c.batch_norm + part] = {c.out};
}

bool is_batch_norm_statistic(const std::string& name) {
  return name.ends_with(".running_mean") || name.ends_with(".running_var");
}

struct FlopWalk {
  int64_t height, width, macs = 0;

  void conv(const ConvSpec& c, bool branch = false) {
    const int64_t h = sliding_output_size(height, c.kernel, c.stride, c.padding);
    const int64_t w = sliding_output_size(width, c.kernel, c.stride, c.padding);
    macs += int64_t(c.in) * c.out * c.kernel * c.kernel * h * w;
    if (!branch) height = h, width = w;
  }
  void operator()(const ConvSpec& c) { conv(c); }
  void operator()(const PoolSpec& p) {
    height = sliding_output_size(height, p.kernel, p.stride, p.padding);
    width = sliding_output_size(width, p.kernel, p.stride, p.padding);
  }
  void operator()(const ResidualSpec& r) {
    if (r.shortcut) conv(*r.shortcut, true);
    conv(r.first);
    conv(r.second);
  }
};

}  // namespace

std::map<std::string, std::vector<int64_t>> NetworkSpec::tensor_shapes() const {
  Shapes shapes;
  for (const auto& layer : layers) {
    if (const auto* c = std::get_if<ConvSpec>(&layer)) add_conv(*c, shapes);
    if (const auto* r = std::get_if<ResidualSpec>(&layer)) {
      add_conv(r->first, shapes);
      add_conv(r->second, shapes);
      if (r->shortcut) add_conv(*r->shortcut, shapes);
    }
  }
  shapes[classifier.name + ".weight"] = {classifier.out, classifier.in};
  shapes[classifier.name + ".bias"] = {classifier.out};
  return shapes;
}

int64_t NetworkSpec::parameter_count() const {
  int64_t n = 0;
  for (const auto& [name, shape] : tensor_shapes()) {
    if (is_batch_norm_statistic(name)) continue;
    int64_t size = 1;
    for (auto d : shape) size *= d;
    n += size;
  }
  return n;
}

int64_t NetworkSpec::forward_flops(int n_mels, int frames) const {
  FlopWalk walk{n_mels, frames};
  for (const auto& layer : layers) std::visit(walk, layer);
  walk.macs += int64_t(classifier.in) * classifier.out;
  return 2 * walk.macs;
}

}  // namespace esc50::model
