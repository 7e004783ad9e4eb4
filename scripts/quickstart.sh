#!/usr/bin/env bash
# Sets up the runtime (ESC50_SETUP=runtime scripts/setup.sh) and runs the main job: classify the example clips
# with the bundled model, then says how to open the web demo.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
# Only the program, without LibTorch: training, tests and benchmarks are scripts/test.sh's job.
ESC50_SETUP=runtime ESC50_TARGETS=esc50 "$root/scripts/setup.sh"
esc50="$root/${ESC50_BUILD_DIR:-build}/apps/esc50/esc50"
"$esc50" classify "$root"/examples/*.ogg --top 5
cat <<MSG

Web demo: $esc50 serve      then open http://127.0.0.1:8080/
(add --runs DIR to browse training runs; set ESC50_DIR to browse the dataset)
MSG
