#!/usr/bin/env bash
# The installed esc50, as users get it (run after scripts/test.sh built build/):
# 1. `cmake --install` into a prefix; examples/embed built against it with find_package, and
#    the same program compiled by hand with pkg-config; both classify an example clip.
# 2. `cpack -G DEB`: two packages, esc50 (no LibTorch in its Depends) and esc50-train. esc50
#    installed alone with apt-get: `esc50 classify` and `esc50 serve` (/healthz and a page)
#    run from the installed files, and `esc50 train` names the missing program; then
#    esc50-train too, and `esc50 train --help` runs it. Both removed again.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
clip=examples/1-100032-A-0.ogg
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

prefix="$work/prefix"
cmake --install build --prefix "$prefix" > "$work/install.log"
cmake -S examples/embed -B "$work/embed" -G Ninja -DCMAKE_PREFIX_PATH="$prefix" > /dev/null
cmake --build "$work/embed" > /dev/null
"$work/embed/top3" "$clip" | tee "$work/top3.txt"
grep -qi "dog" "$work/top3.txt"
# An esc50::Error thrown in the library is caught by type in the program.
status=0
"$work/embed/top3" "$work/missing.wav" 2> "$work/top3-error.txt" || status=$?
[ "$status" -eq 1 ] && grep -q "^error: .*missing.wav" "$work/top3-error.txt"
pc_dir=$(dirname "$(find "$prefix" -name esc50.pc)")
# shellcheck disable=SC2046
c++ examples/embed/top3.cpp -o "$work/top3-pc" $(PKG_CONFIG_PATH="$pc_dir" pkg-config --cflags --libs esc50) \
  -Wl,-rpath,"$(PKG_CONFIG_PATH="$pc_dir" pkg-config --variable=libdir esc50)"
"$work/top3-pc" "$clip" > "$work/top3-pc.txt"
grep -qi "dog" "$work/top3-pc.txt"
echo "install-check: find_package and pkg-config builds classify from $prefix"

sudo_cmd=()
[ "$(id -u)" -eq 0 ] || sudo_cmd=(sudo)
(cd build && cpack -G DEB > "$work/cpack.log")
deb=$(ls build/esc50_*_amd64.deb)
train_deb=$(ls build/esc50-train_*_amd64.deb)
dpkg-deb -f "$deb" Depends
if dpkg-deb -f "$deb" Depends | grep -q libtorch; then echo "install-check: esc50's package depends on LibTorch"; exit 1; fi
dpkg-deb -f "$train_deb" Depends | grep -q "esc50 (= "
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q "./$deb" > "$work/apt.log"
cleanup_package() { DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get purge -y -q esc50-train esc50 > /dev/null; rm -rf "$work"; }
trap cleanup_package EXIT
cd "$work"  # nothing from the source tree may be found
/usr/bin/esc50 classify "$root/$clip" --top 3 | tee "$work/classify.txt"
grep -qi "dog" "$work/classify.txt"
/usr/bin/esc50 serve --port 18931 > "$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 100); do curl -fs http://127.0.0.1:18931/healthz > /dev/null && break; sleep 0.2; done
curl -fs http://127.0.0.1:18931/healthz
curl -fs -o "$work/index.html" http://127.0.0.1:18931/
grep -qi "<html" "$work/index.html"
grep -q "model /usr/share/esc50/models/default.esc50" "$work/serve.log"
kill "$server"
wait "$server" || true
status=0
/usr/bin/esc50 train --help > "$work/train.txt" 2>&1 || status=$?
[ "$status" -eq 1 ] && grep -q "esc50-train, which is not installed" "$work/train.txt"
DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -q "$root/$train_deb" > "$work/apt-train.log"
/usr/bin/esc50 train --help > "$work/train-help.txt"
grep -q -- "--fold" "$work/train-help.txt"
echo "install-check: the .debs classify and serve from /usr, and train with esc50-train"
