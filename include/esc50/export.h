#pragma once
// Marks what libesc50 exports; everything else in the library is hidden, so its internals
// (and the libraries it is built from) never clash with a program's own.
#if defined(__GNUC__) || defined(__clang__)
#define ESC50_API __attribute__((visibility("default")))
#else
#define ESC50_API
#endif
