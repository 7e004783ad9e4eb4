#!/usr/bin/env bash
# Installs every dependency (Debian packages, npm packages) and builds esc50 into build/:
# everything, or only the targets named in ESC50_TARGETS (scripts/quickstart.sh: the program).
# Usage: [ESC50_TARGETS="esc50"] scripts/setup.sh [extra cmake args]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
mapfile -t packages < <(grep -vE '^\s*(#|$)' .ci/packages.txt)
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
cmake -S . -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@"
targets=(${ESC50_TARGETS:-all})
cmake --build "$build_dir" -j "$(nproc)" --target "${targets[@]}"
