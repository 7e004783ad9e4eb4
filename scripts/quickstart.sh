#!/usr/bin/env bash
# Sets up everything (scripts/setup.sh) and runs the main job on the example clips.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
"$root/scripts/setup.sh"
esc50="$root/${ESC50_BUILD_DIR:-build}/apps/esc50/esc50"
out="$root/out"
mkdir -p "$out"
for clip in "$root"/examples/*.ogg; do
  name=$(basename "$clip" .ogg)
  "$esc50" info "$clip"
  "$esc50" features "$clip" --out "$out/$name.npy" --png "$out/$name.png"
done
echo "Log-mel spectrograms are in $out/ (open the .png files, or numpy.load the .npy files)."
