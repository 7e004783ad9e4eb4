#include "common/progress.h"

#include <unistd.h>

#include <cstdio>

namespace esc50 {

std::string format_duration(double seconds) {
  if (!(seconds >= 0) || seconds > 1e7) return "--:--";
  auto s = static_cast<long>(seconds + 0.5);
  char buf[32];
  if (s >= 3600)
    std::snprintf(buf, sizeof buf, "%ld:%02ld:%02ld", s / 3600, s / 60 % 60, s % 60);
  else
    std::snprintf(buf, sizeof buf, "%02ld:%02ld", s / 60, s % 60);
  return buf;
}

ProgressBar::ProgressBar(std::string label, size_t total, bool enabled)
    : label_(std::move(label)),
      total_(total),
      enabled_(enabled),
      tty_(::isatty(STDERR_FILENO)),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::advance(size_t n, const std::string& status) {
  std::lock_guard lock(mutex_);
  done_ += n;
  draw(status);
}

void ProgressBar::finish() {
  std::lock_guard lock(mutex_);
  if (finished_ || !enabled_) return;
  finished_ = true;
  if (tty_) std::fputc('\n', stderr);
}

void ProgressBar::draw(const std::string& status) {
  if (!enabled_ || finished_) return;
  auto now = std::chrono::steady_clock::now();
  double elapsed = std::chrono::duration<double>(now - start_).count();
  double fraction = total_ ? double(done_) / double(total_) : 1.0;
  if (tty_) {
    // Redrawing more than ~10 times a second only costs time.
    if (done_ < total_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  } else {
    int decile = static_cast<int>(fraction * 10);
    if (decile == last_decile_) return;
    last_decile_ = decile;
  }
  last_draw_ = now;
  constexpr int kWidth = 30;
  int filled = static_cast<int>(fraction * kWidth);
  std::string bar(filled, '#');
  bar.resize(kWidth, '.');
  double rate = elapsed > 0 ? double(done_) / elapsed : 0;
  double eta = rate > 0 ? double(total_ - done_) / rate : -1;
  std::fprintf(stderr, "%s%s [%s] %zu/%zu %5.1f/s elapsed %s ETA %s %s%s", tty_ ? "\r" : "",
               label_.c_str(), bar.c_str(), done_, total_, rate, format_duration(elapsed).c_str(),
               format_duration(eta).c_str(), status.c_str(), tty_ ? "\033[K" : "\n");
  std::fflush(stderr);
}

}  // namespace esc50
