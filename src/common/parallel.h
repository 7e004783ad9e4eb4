#pragma once
#include <cstddef>
#include <functional>

namespace esc50 {

// Runs body(i) for i in [0, n) on `threads` workers (0 = all cores). The first exception
// thrown by any body stops further work and is rethrown in the caller.
void parallel_for(size_t n, int threads, const std::function<void(size_t)>& body);

int hardware_threads();

}  // namespace esc50
