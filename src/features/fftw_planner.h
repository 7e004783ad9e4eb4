#pragma once
#include <mutex>

namespace esc50::features {

// FFTW's planner (plan creation and destruction) is not thread-safe, while executing a plan
// is. Every stage that makes FFTW plans takes this one process-wide lock around it.
std::mutex& fftw_planner_mutex();

}  // namespace esc50::features
