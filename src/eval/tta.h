#pragma once
// Test-time augmentation: a clip is classified from several time-shifted views of its
// spectrogram and the class probabilities are averaged.
#include <vector>

#include "features/logmel.h"

namespace esc50::eval {

// `views` windows of `window_frames` frames each. A clip longer than the window gives crops at
// evenly spaced offsets (one view: the centre crop); a clip that fits gives circular time
// shifts by multiples of window_frames / views (one view: the clip itself), after padding
// with its quietest value when it is shorter than the window.
std::vector<features::Spectrogram> tta_windows(const features::Spectrogram& clip,
                                               int window_frames, int views);

// Element-wise mean of equally long probability rows.
std::vector<float> mean_probabilities(const std::vector<std::vector<float>>& rows);

}  // namespace esc50::eval
