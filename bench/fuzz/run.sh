#!/usr/bin/env bash
# Builds the libFuzzer targets (clang, ASan + UBSan) into build-fuzz/ and runs each for
# SECONDS (default 30) on its seed corpus in bench/fuzz/corpus/<target>/. New inputs go to a
# scratch copy of the corpus; a crash leaves its input in build-fuzz/crashes/ and fails.
# Usage: bench/fuzz/run.sh [SECONDS] [TARGET...]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
seconds=${1:-30}
shift || true
build=${ESC50_FUZZ_BUILD_DIR:-$root/build-fuzz}
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(fuzz_decode fuzz_npy fuzz_settings fuzz_run_dir fuzz_model_file fuzz_http fuzz_checkpoint)
# -O0 with line tables: half the compile time of RelWithDebInfo's -O2 -g (server.cpp: 16 s of
# CPU against 34 s; -O1 saves a tenth), and a crash's stack still names file and line.
# A unity build, as scripts/setup.sh's.
CC=clang CXX=clang++ cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O0 -gline-tables-only -DNDEBUG" -DCMAKE_UNITY_BUILD=ON \
  -DESC50_FUZZ=ON -DESC50_BUILD_TESTS=OFF -DESC50_BUILD_BENCH=OFF > /dev/null
cmake --build "$build" --target "${targets[@]}"
mkdir -p "$build/crashes"
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
# Third-party leaks only (libsndfile's on corrupt Ogg, LibTorch's registries): .ci/lsan.supp.
export LSAN_OPTIONS="suppressions=$root/.ci/lsan.supp:print_suppressions=0"
for target in "${targets[@]}"; do
  corpus="$build/corpus/$target"
  mkdir -p "$corpus"
  cp -n "$root/bench/fuzz/corpus/$target"/* "$corpus/" 2>/dev/null || true
  echo "== $target: ${seconds} s"
  log="$build/$target.log"
  status=0
  "$build/bench/fuzz/$target" -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
    -artifact_prefix="$build/crashes/$target-" -print_final_stats=1 "$corpus" > "$log" 2>&1 || status=$?
  grep -E "^(stat::number_of_executed_units|stat::new_units_added)" "$log" || true
  if [ "$status" -ne 0 ]; then
    grep -A30 -E "==[0-9]+==ERROR|runtime error|deadly signal" "$log" | head -60 >&2
    echo "$target: failed (exit $status); inputs in $build/crashes/, log $log" >&2
    exit 1
  fi
done
