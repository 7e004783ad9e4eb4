#pragma once
// The package is built for baseline x86-64 (SSE2) so that it runs anywhere. Hot loops marked
// ESC50_VECTOR_CLONES also get AVX2 and AVX-512 copies, chosen when the program loads. A file
// whose copies must compute the same bits is compiled with -ffp-contract=off. Not under
// ThreadSanitizer, whose runtime is not ready when the loader picks.
#if defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define ESC50_THREAD_SANITIZER
#endif
#endif
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__SANITIZE_THREAD__) && !defined(ESC50_THREAD_SANITIZER)
#define ESC50_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define ESC50_VECTOR_CLONES
#endif
