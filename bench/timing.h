#pragma once
// Timing helpers shared by the benchmarks: median rates over repeated measurements.
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <functional>
#include <vector>

namespace esc50::bench {

inline double process_cpu_seconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return double(t.tv_sec) + t.tv_nsec * 1e-9;
}

// Minor page faults of this process so far: each is a page the kernel had to map in.
inline long minor_page_faults() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_minflt;
}

inline double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

// Wall-clock rate, and the rate per CPU-second, which a machine shared with other jobs
// distorts far less than wall time.
struct Rate {
  double clips_per_second;
  double clips_per_cpu_second;
};

inline Rate median_rate(size_t clips, int repeats, const std::function<void()>& run) {
  std::vector<double> wall, cpu;
  for (int r = 0; r < repeats; ++r) {
    auto start = std::chrono::steady_clock::now();
    double cpu_start = process_cpu_seconds();
    run();
    cpu.push_back(double(clips) / (process_cpu_seconds() - cpu_start));
    wall.push_back(double(clips) / std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  }
  return {median(wall), median(cpu)};
}

}  // namespace esc50::bench
