#pragma once
// The process-wide allocation policy of esc50's programs (the CLI and the benchmarks call it
// first thing in main; a library never changes it behind its host program's back).

namespace esc50 {

// Keeps freed memory in the process instead of handing it back to the kernel.
//
// Why: on the project's virtual machines a page fault costs more than the arithmetic it
// feeds. With glibc's defaults every buffer over 128 KB (a batch of activations, a gradient)
// is mmap'ed on allocation and munmap'ed on free, so every training step faults its memory in
// again. Measured with `bench_train --precisions fp32` against `--glibc-malloc` in the same
// hour (docs/results.md, "Allocation policy"): the esc50net fp32 step 0.697 -> 0.487 s (1.43x)
// on a 2-core AVX2 EPYC; the issue that asked for it measured 1.5 -> 0.29 s (fp32) and
// 0.44-0.63 -> 0.22 s (bf16) on the AVX-512 project machine with the same settings as glibc
// tunables, where tcmalloc was close and jemalloc and mimalloc 2-5x slower on training.
// Feature extraction's storm came from soxr_oneshot's per-clip buffers, which the reused
// resampler (audio/resampler.h) removes under either policy.
//
// The cost is that peak usage is never returned until exit; peak RSS stays bounded because
// the working set of every command repeats (docs/results.md gives the measured peaks).
void configure_allocator();

}  // namespace esc50
