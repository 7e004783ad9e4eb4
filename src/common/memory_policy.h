#pragma once
// The process-wide allocation policy of esc50's programs (the CLI and the benchmarks call it
// first thing in main; a library never changes it behind its host program's back).

namespace esc50 {

// Keeps freed memory in the process instead of handing it back to the kernel.
//
// Why: on the project's virtual machines a page fault costs more than the arithmetic it
// feeds. With glibc's defaults every large buffer (a resampler's FIFO, a batch of
// activations) is mmap'ed on allocation and munmap'ed on free, so each clip and each
// training step faults its memory in again. Measured on the 2-core project machine
// (docs/results.md, "Allocation policy"): features 115 -> 666 clips/s on one thread, the
// esc50net bf16 step 0.44-0.63 -> 0.22 s and fp32 1.5 -> 0.29 s. tcmalloc was close but
// slower on every figure, jemalloc and mimalloc were 2-5x slower on training.
//
// The cost is that peak usage is never returned until exit; peak RSS stays bounded because
// the working set of every command repeats (docs/results.md gives the measured peaks).
void configure_allocator();

}  // namespace esc50
