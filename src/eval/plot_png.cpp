#include "eval/plot_png.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <limits>

#include "data/esc50_meta.h"
#include "eval/metrics.h"
#include "eval/run_evaluation.h"

namespace esc50::eval {
namespace {

using Rgb = std::array<uint8_t, 3>;

constexpr Rgb kWhite = {255, 255, 255};
constexpr Rgb kGrid = {228, 228, 228};
constexpr Rgb kAxis = {90, 90, 90};
// Ten distinguishable colours (the usual categorical palette of plotting libraries).
constexpr std::array<Rgb, 10> kPalette = {{{31, 119, 180}, {255, 127, 14}, {44, 160, 44},
                                           {214, 39, 40}, {148, 103, 189}, {140, 86, 75},
                                           {227, 119, 194}, {127, 127, 127}, {188, 189, 34},
                                           {23, 190, 207}}};
constexpr int kMargin = 20;
constexpr int kGridDivisions = 10;
constexpr int kDashOn = 6, kDashOff = 4;

class Canvas {
 public:
  Canvas(int width, int height, Rgb background) {
    image_.width = width;
    image_.height = height;
    image_.pixels.resize(size_t(width) * size_t(height) * 3);
    fill(0, 0, width, height, background);
  }
  void set(int x, int y, Rgb c) {
    if (x < 0 || y < 0 || x >= image_.width || y >= image_.height) return;
    std::copy(c.begin(), c.end(), image_.pixels.begin() + (ptrdiff_t(y) * image_.width + x) * 3);
  }
  void fill(int x0, int y0, int x1, int y1, Rgb c) {
    for (int y = y0; y < y1; ++y)
      for (int x = x0; x < x1; ++x) set(x, y, c);
  }
  // A 2-pixel-wide line; `dash_phase` carries the dash pattern across joined segments.
  void line(double x0, double y0, double x1, double y1, Rgb c, bool dashed, int& dash_phase) {
    const int steps = std::max(1, int(std::ceil(std::max(std::abs(x1 - x0), std::abs(y1 - y0)))));
    for (int i = 0; i <= steps; ++i, ++dash_phase) {
      if (dashed && dash_phase % (kDashOn + kDashOff) >= kDashOn) continue;
      const double t = double(i) / steps;
      const int x = int(std::lround(x0 + t * (x1 - x0))), y = int(std::lround(y0 + t * (y1 - y0)));
      fill(x, y, x + 2, y + 2, c);
    }
  }
  RgbImage take() { return std::move(image_); }

 private:
  RgbImage image_;
};

struct Range {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  void add(double v) {
    if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  }
  // A little headroom, and a unit span around a constant (or no) value.
  void pad() {
    if (!std::isfinite(lo)) lo = 0, hi = 1;
    if (hi - lo < 1e-12) lo -= 0.5, hi += 0.5;
    const double p = 0.05 * (hi - lo);
    lo -= p, hi += p;
  }
};

void draw_frame(Canvas& canvas, int width, int height) {
  for (int i = 0; i <= kGridDivisions; ++i) {
    const int x = kMargin + i * (width - 2 * kMargin) / kGridDivisions;
    const int y = kMargin + i * (height - 2 * kMargin) / kGridDivisions;
    const Rgb c = (i == 0 || i == kGridDivisions) ? kAxis : kGrid;
    canvas.fill(x, kMargin, x + 1, height - kMargin + 1, c);
    canvas.fill(kMargin, y, width - kMargin + 1, y + 1, c);
  }
}

// `key` of each epoch as metrics.jsonl names it; NaN where an epoch has none (no validation).
std::vector<double> values_of(const std::vector<runs::EpochMetrics>& epochs, const char* key) {
  std::vector<double> out;
  for (const auto& e : epochs) {
    const auto j = e.to_json();
    const auto v = j.find(key);
    out.push_back(v != j.end() && v->is_number() ? v->get<double>() : std::numeric_limits<double>::quiet_NaN());
  }
  return out;
}

std::vector<double> epoch_numbers(const std::vector<runs::EpochMetrics>& epochs) {
  std::vector<double> out;
  for (const auto& e : epochs) out.push_back(double(e.epoch));
  return out;
}

Rgb lighter(Rgb c) {
  for (auto& v : c) v = uint8_t((v + 255) / 2);
  return c;
}

RgbImage side_by_side(const RgbImage& left, const RgbImage& right) {
  RgbImage out;
  out.width = left.width + right.width;
  out.height = std::max(left.height, right.height);
  out.pixels.assign(size_t(out.width) * out.height * 3, 255);
  for (int y = 0; y < out.height; ++y) {
    auto row = out.pixels.begin() + ptrdiff_t(y) * out.width * 3;
    if (y < left.height)
      std::copy_n(left.pixels.begin() + ptrdiff_t(y) * left.width * 3, left.width * 3, row);
    if (y < right.height)
      std::copy_n(right.pixels.begin() + ptrdiff_t(y) * right.width * 3, right.width * 3,
                  row + left.width * 3);
  }
  return out;
}

// Letters, digits, '.', '-' and '_' kept; anything else becomes '_'.
std::string file_name_safe(const std::string& name) {
  std::string out = name;
  for (auto& c : out)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '.' && c != '-' && c != '_') c = '_';
  return out;
}

}  // namespace

RgbImage line_chart(const std::vector<LineSeries>& series, int width, int height) {
  Canvas canvas(width, height, kWhite);
  draw_frame(canvas, width, height);
  Range xr, yr;
  for (const auto& s : series) {
    for (double x : s.x) xr.add(x);
    for (double y : s.y) yr.add(y);
  }
  xr.pad();
  yr.pad();
  const auto px = [&](double x) { return kMargin + (x - xr.lo) / (xr.hi - xr.lo) * (width - 2 * kMargin); };
  const auto py = [&](double y) { return height - kMargin - (y - yr.lo) / (yr.hi - yr.lo) * (height - 2 * kMargin); };
  for (const auto& s : series) {
    int dash_phase = 0;
    for (size_t i = 1; i < std::min(s.x.size(), s.y.size()); ++i)
      if (std::isfinite(s.y[i - 1]) && std::isfinite(s.y[i]))
        canvas.line(px(s.x[i - 1]), py(s.y[i - 1]), px(s.x[i]), py(s.y[i]), s.colour, s.dashed, dash_phase);
  }
  return canvas.take();
}

RgbImage learning_curves_image(const runs::RunSet& set, int panel_width, int panel_height) {
  std::vector<LineSeries> loss, accuracy;
  for (size_t i = 0; i < set.runs.size(); ++i) {
    const auto& epochs = set.runs[i].epochs;
    const Rgb c = kPalette[i % kPalette.size()];
    const auto x = epoch_numbers(epochs);
    loss.push_back({x, values_of(epochs, "train_loss"), lighter(c), true});
    loss.push_back({x, values_of(epochs, "val_loss"), c, false});
    accuracy.push_back({x, values_of(epochs, "train_acc"), lighter(c), true});
    accuracy.push_back({x, values_of(epochs, "val_acc"), c, false});
  }
  return side_by_side(line_chart(loss, panel_width, panel_height),
                      line_chart(accuracy, panel_width, panel_height));
}

RgbImage confusion_image(const std::vector<std::vector<int>>& confusion, int cell, bool esc50_groups) {
  const int n = int(confusion.size());
  const auto normalised = row_normalised(confusion);
  Canvas canvas(n * cell, n * cell, kWhite);
  for (int a = 0; a < n; ++a)
    for (int p = 0; p < n; ++p) {
      uint8_t rgb[3];
      colormap_viridis(float(normalised[size_t(a)][size_t(p)]), rgb);
      canvas.fill(p * cell, a * cell, (p + 1) * cell, (a + 1) * cell, {rgb[0], rgb[1], rgb[2]});
    }
  if (esc50_groups)
    for (int c = 1; c < n; ++c)
      if (data::category_group_of(c) != data::category_group_of(c - 1)) {
        canvas.fill(c * cell, 0, c * cell + 1, n * cell, kWhite);
        canvas.fill(0, c * cell, n * cell, c * cell + 1, kWhite);
      }
  return canvas.take();
}

std::vector<std::filesystem::path> export_pngs(const std::filesystem::path& dir,
                                               const std::vector<runs::RunSet>& runs,
                                               const MetricsOptions& options) {
  std::filesystem::create_directories(dir);
  std::vector<std::filesystem::path> written;
  const auto names = run_names(runs);
  for (size_t i = 0; i < runs.size(); ++i) {
    const auto stem = file_name_safe(names[i]);
    written.push_back(dir / (stem + "-curves.png"));
    write_png(written.back(), learning_curves_image(runs[i]));
    if (const auto cv = evaluate_run_set(runs[i], options)) {
      written.push_back(dir / (stem + "-confusion.png"));
      write_png(written.back(),
                confusion_image(cv->pooled.confusion, 8, data::has_esc50_classes(cv->pooled.class_names)));
    }
  }
  return written;
}

}  // namespace esc50::eval
