#include "network/network.h"

#include "model/network_spec.h"

namespace esc50::network {

namespace {
torch::Tensor scale_decibels(const torch::Tensor& decibels) {
  const auto scaled = (decibels + model::kDecibelOffset) / model::kDecibelScale;
  return scaled.contiguous(torch::MemoryFormat::ChannelsLast);
}
}  // namespace

torch::Tensor NetworkImpl::forward(torch::Tensor decibels) { return head(pooled(scale_decibels(decibels))); }

torch::Tensor NetworkImpl::embed(torch::Tensor decibels) { return pooled(scale_decibels(decibels)); }

void NetworkImpl::use_channels_last() {
  torch::NoGradGuard no_grad;
  for (auto& p : parameters())
    if (p.dim() == 4) p.set_data(p.contiguous(torch::MemoryFormat::ChannelsLast));
}

int64_t NetworkImpl::parameter_count() const {
  int64_t n = 0;
  for (const auto& p : parameters()) n += p.numel();
  return n;
}

}  // namespace esc50::network
