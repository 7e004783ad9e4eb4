#pragma once
// PNG pictures of learning curves and confusion matrices (for READMEs and papers), drawn
// directly into pixels: no plotting library, no text.
#include <array>
#include <cstdint>
#include <filesystem>
#include <vector>

#include "common/png_image.h"
#include "eval/metrics.h"
#include "runs/run_directory.h"

namespace esc50::eval {

struct LineSeries {
  std::vector<double> x, y;  // NaN y values leave a gap
  std::array<uint8_t, 3> colour = {0, 0, 0};
  bool dashed = false;
};

// Axes fitted to the data, light grid lines at tenths, a white background.
RgbImage line_chart(const std::vector<LineSeries>& series, int width, int height);

// Loss (left) and accuracy (right) per epoch: validation solid, training dashed, one colour
// per fold.
RgbImage learning_curves_image(const runs::RunSet& set, int panel_width = 480, int panel_height = 320);

// Row-normalised counts through the viridis colour map, `cell` pixels per class.
// `esc50_groups`: white lines between ESC-50's five groups (a model of its classes only).
RgbImage confusion_image(const std::vector<std::vector<int>>& confusion, int cell = 8, bool esc50_groups = false);

// Writes <dir>/<run>-curves.png for every run set and <dir>/<run>-confusion.png (pooled held-out
// folds) for those with predictions; returns the files written.
std::vector<std::filesystem::path> export_pngs(const std::filesystem::path& dir,
                                               const std::vector<runs::RunSet>& runs,
                                               const MetricsOptions& options = {});

}  // namespace esc50::eval
