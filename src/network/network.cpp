#include "network/network.h"

#include "model/network_spec.h"

namespace esc50::network {

namespace {
torch::Tensor scale_decibels(const torch::Tensor& decibels) {
  return (decibels + model::kDecibelOffset) / model::kDecibelScale;
}
}  // namespace

torch::Tensor NetworkImpl::forward(torch::Tensor decibels) { return head(pooled(scale_decibels(decibels))); }

torch::Tensor NetworkImpl::embed(torch::Tensor decibels) { return pooled(scale_decibels(decibels)); }

void NetworkImpl::use_channels_last() {
  torch::NoGradGuard no_grad;
  // Not p.contiguous(ChannelsLast): a one-channel weight already counts as channels-last
  // contiguous, so it would keep NCHW strides and its convolution would run NCHW.
  for (auto& p : parameters())
    if (p.dim() == 4) p.set_data(torch::empty_like(p, torch::MemoryFormat::ChannelsLast).copy_(p));
}

int64_t NetworkImpl::parameter_count() const {
  int64_t n = 0;
  for (const auto& p : parameters()) n += p.numel();
  return n;
}

}  // namespace esc50::network
