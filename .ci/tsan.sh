#!/usr/bin/env bash
# ThreadSanitizer job: the concurrent code that needs no LibTorch (LibTorch is not built with
# TSan, so its thread pools would only give noise): the thread pool, parallel decoding with
# its error messages, the parallel feature cache, and one inference engine shared by threads
# (oneDNN on one thread each, so its uninstrumented OpenMP starts no workers). Builds only
# those tests, in build-tsan/, configured without the training stages (-DESC50_TRAINING=OFF, which
# this job thereby checks).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${ESC50_TSAN_BUILD_DIR:-$root/build-tsan}
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -g1 -DNDEBUG" -DESC50_TSAN=ON -DESC50_TRAINING=OFF -DESC50_BUILD_BENCH=OFF > /dev/null
cmake --build "$build" --target test_common test_audio test_data test_engine_threads
export TSAN_OPTIONS="halt_on_error=1 second_deadlock_stack=1"
cd "$build"
ctest --output-on-failure -R '^(Parallel|BadInput|FeatureCache|EngineThreads)\.' -E 'Cli'

# With ESC50_TSAN_SERVER=1, also `esc50 serve` under the load script (300 mixed good and
# hostile requests from 8 clients, tiny model): a race halts the server, which fails the test.
# Building the whole server with TSan costs minutes, so CI leaves it out.
if [ "${ESC50_TSAN_SERVER:-0}" = 1 ]; then
  cmake --build "$build" --target esc50 make_tiny_model
  "$build/tests/serve/make_tiny_model" "$build/tiny.esc50"
  TSAN_OPTIONS="$TSAN_OPTIONS suppressions=$root/.ci/tsan.supp" node "$root/web/tests/load.mjs" --cli "$build/apps/esc50/esc50" --model "$build/tiny.esc50" \
    --clip "$root/examples/1-100032-A-0.ogg" --requests 300
fi
