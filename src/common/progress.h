#pragma once
#include <chrono>
#include <cstddef>
#include <mutex>
#include <string>

namespace esc50 {

// A one-line progress bar with rate and ETA on stderr; silent when disabled (e.g. --quiet or
// stderr not a terminal, where it prints a line per 10 % instead). Thread-safe `advance`.
class ProgressBar {
 public:
  ProgressBar(std::string label, size_t total, bool enabled = true);
  ~ProgressBar();
  void advance(size_t n = 1, const std::string& status = {});
  void finish();

 private:
  void draw(const std::string& status);
  std::string label_;
  size_t total_;
  size_t done_ = 0;
  bool enabled_;
  bool tty_;
  bool finished_ = false;
  int last_decile_ = -1;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_draw_;
  std::mutex mutex_;
};

std::string format_duration(double seconds);

}  // namespace esc50
