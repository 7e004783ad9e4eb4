#!/usr/bin/env bash
# Installs the dependencies (Debian packages, npm packages) and builds esc50 into build/:
# everything, or only the targets named in ESC50_TARGETS (scripts/quickstart.sh: the program).
# ESC50_SETUP=runtime installs and configures only what the esc50 program needs: no LibTorch
# (about 600 fewer packages), no tests, no benchmarks; the default, full, configures them back.
# Usage: [ESC50_SETUP=runtime|full] [ESC50_TARGETS="esc50"] scripts/setup.sh [extra cmake args]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
setup=${ESC50_SETUP:-full}
case "$setup" in
  runtime) lists=(.ci/packages-runtime.txt)
           options=(-DESC50_TRAINING=OFF -DESC50_BUILD_TESTS=OFF -DESC50_BUILD_BENCH=OFF) ;;
  full)    lists=(.ci/packages-runtime.txt .ci/packages.txt)
           options=(-DESC50_TRAINING=ON -DESC50_BUILD_TESTS=ON -DESC50_BUILD_BENCH=ON) ;;
  *) echo "setup.sh: ESC50_SETUP must be runtime or full, not '$setup'" >&2; exit 2 ;;
esac
mapfile -t packages < <(grep -hvE '^\s*(#|$)' "${lists[@]}")
# The front end needs Node.js and npm; Debian's are used only when none is installed already.
command -v npm >/dev/null || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  "${sudo_cmd[@]}" apt-get update -q
  DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

if [ -f web/package-lock.json ]; then
  (cd web && npm ci --no-audit --no-fund && npm run build --if-present)
fi

build_dir=${ESC50_BUILD_DIR:-build}
# A unity build (each target's units compiled in batches of 8) parses and instantiates the
# shared headers (LibTorch, nlohmann-json, CLI11, fmt, GoogleTest) once per batch instead of
# once per unit: docs/reliability.md "CI time" has the measured builds. Developers who rebuild
# one file at a time configure by hand, or pass -DCMAKE_UNITY_BUILD=OFF here.
# The caller's arguments come last, so they win (the ASan job turns the benchmarks off).
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCMAKE_UNITY_BUILD=ON "${options[@]}" "$@"
targets=(${ESC50_TARGETS:-all})
cmake --build "$build_dir" -j "$(nproc)" --target "${targets[@]}"
