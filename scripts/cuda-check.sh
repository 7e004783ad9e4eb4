#!/usr/bin/env bash
# Builds esc50 against a CUDA LibTorch in build-cuda/ and checks it on the GPU: the test suite,
# one fold trained with --device cuda in bf16 and fp32 and on the CPU for comparison, and a
# CUDA training killed with SIGKILL and resumed against one left alone.
# Usage: scripts/cuda-check.sh DATA [TORCH_CMAKE_PREFIX]
#   DATA: any dataset `esc50 train --data` takes (a small one: each training is 30 epochs)
#   TORCH_CMAKE_PREFIX: LibTorch's CMake folder; default: the installed PyTorch's
#   (python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')
# The project's other dependencies must be installed (scripts/setup.sh lists them).
set -euo pipefail
[ $# -ge 1 ] || { sed -n 2,9p "$0"; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
data=$(realpath "$1")
torch_prefix=${2:-$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')}
build=$root/build-cuda
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DESC50_BUILD_BENCH=OFF \
  -DCMAKE_PREFIX_PATH="$torch_prefix"
cmake --build "$build" -j "$(nproc)"
(cd "$build" && ctest -j "$(nproc)" --timeout 300) || echo "cuda-check: some tests failed (above)"

esc50=$build/apps/esc50/esc50
fold=(--data "$data" --folds 1 --epochs 30 --cache "$work/cache" --quiet)
"$esc50" cv "${fold[@]}" --device cuda --out "$work/cuda-bf16"
"$esc50" cv "${fold[@]}" --device cuda --precision fp32 --out "$work/cuda-fp32"
"$esc50" cv "${fold[@]}" --device cpu --precision fp32 --threads 0 --out "$work/cpu-fp32"

train=("$esc50" train --data "$data" --fold 1 --epochs 8 --cache "$work/cache" --quiet --device cuda)
"${train[@]}" --out "$work/whole" > /dev/null
"${train[@]}" --out "$work/cut" > /dev/null &
pid=$!
for _ in $(seq 600); do
  [ "$(cat "$work/cut/metrics.jsonl" 2>/dev/null | wc -l)" -ge 4 ] && break
  sleep 0.2
done
kill -9 "$pid"
wait "$pid" 2>/dev/null || true
"$esc50" train --resume "$work/cut" --quiet > /dev/null

echo "run          test accuracy   test loss   seconds"
for run in cuda-bf16/fold-1 cuda-fp32/fold-1 cpu-fp32/fold-1 whole cut; do
  python3 -c "import json, sys; f = json.load(open(sys.argv[1]))
print(f'{sys.argv[2]:12} {100 * f[\"test_acc\"]:8.2f} %   {f[\"test_loss\"]:9.4f}   {f[\"seconds\"]:7.1f}')" \
    "$work/$run/final.json" "${run%/fold-1}"
done
echo "(whole and cut: 8 epochs on CUDA; cut was killed after 4 and resumed, so both lines must match)"
