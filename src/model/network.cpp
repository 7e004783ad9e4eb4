#include "model/network.h"

namespace esc50::model {

namespace {
torch::Tensor scale_decibels(const torch::Tensor& decibels) { return (decibels + 40.0) / 20.0; }
}  // namespace

torch::Tensor NetworkImpl::forward(torch::Tensor decibels) { return head(pooled(scale_decibels(decibels))); }

torch::Tensor NetworkImpl::embed(torch::Tensor decibels) { return pooled(scale_decibels(decibels)); }

int64_t NetworkImpl::parameter_count() const {
  int64_t n = 0;
  for (const auto& p : parameters()) n += p.numel();
  return n;
}

void FlopCounter::conv(int64_t in_channels, int64_t out_channels, int64_t kernel,
                       int64_t stride) {
  const int64_t pad = kernel / 2;
  height_ = (height_ + 2 * pad - kernel) / stride + 1;
  width_ = (width_ + 2 * pad - kernel) / stride + 1;
  macs_ += in_channels * out_channels * kernel * kernel * height_ * width_;
}

void FlopCounter::branch_conv(int64_t in_channels, int64_t out_channels, int64_t kernel,
                              int64_t stride) {
  FlopCounter branch(height_, width_);
  branch.conv(in_channels, out_channels, kernel, stride);
  macs_ += branch.macs_;
}

void FlopCounter::pool(int64_t kernel, int64_t stride, int64_t padding) {
  height_ = (height_ + 2 * padding - kernel) / stride + 1;
  width_ = (width_ + 2 * padding - kernel) / stride + 1;
}

}  // namespace esc50::model
