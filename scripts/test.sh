#!/usr/bin/env bash
# Sets up everything (scripts/setup.sh) and runs the whole test suite with CTest.
# ESC50_DIR defaults to ../shared/esc50 beside the project root when that exists.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh" "$@"
if [ -z "${ESC50_DIR:-}" ] && [ -d "$root/../shared/esc50" ]; then
  export ESC50_DIR=$(cd "$root/../shared/esc50" && pwd)
fi
cd "$root/${ESC50_BUILD_DIR:-build}"
ctest --output-on-failure -j "$(nproc)" --timeout 600
