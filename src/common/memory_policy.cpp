#include "common/memory_policy.h"

#include <malloc.h>

#include <climits>

namespace esc50 {

void configure_allocator() {
#if defined(__GLIBC__)
  // Every allocation comes from the heap (never a private mmap), and the heap's top is
  // never trimmed back to the kernel. Under AddressSanitizer its own allocator ignores this.
  mallopt(M_MMAP_THRESHOLD, INT_MAX);
  mallopt(M_TRIM_THRESHOLD, INT_MAX);
#endif
}

}  // namespace esc50
