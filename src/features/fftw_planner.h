#pragma once
#include <mutex>

namespace esc50::features {

// FFTW's planner (plan creation and destruction) is not thread-safe, while executing a plan
// is. Every stage that makes or destroys FFTW plans holds this process-wide lock. Taking it the
// first time loads esc50's FFTW wisdom (logmel.cpp) into FFTW's process-wide planner, so every
// plan is made with the same wisdom whichever stage plans first.
std::unique_lock<std::mutex> lock_fftw_planner();

}  // namespace esc50::features
