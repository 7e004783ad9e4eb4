#!/bin/bash
# Times the default recipe's official 5-fold CV end to end on a 2-core machine, the way that
# uses both cores best there: render the features and augmented variants once on both cores,
# train folds 1-4 as single-thread processes two at a time (two threads speed one training up
# only 1.6-1.75x on 2 cores), then fold 5 on both threads. Start it with an empty CACHE_DIR to
# time a first run and again with the same CACHE_DIR (and a new OUT_DIR) for a warm cache.
#
#   ESC50_DIR=... bench/cv_wall_time.sh OUT_DIR CACHE_DIR
#
# Writes OUT_DIR/wall_time.txt (one line per step: seconds, peak RSS) and prints it.
set -euo pipefail
if [[ $# -ne 2 ]]; then
  echo "usage: ESC50_DIR=... $0 OUT_DIR CACHE_DIR" >&2
  exit 2
fi
: "${ESC50_DIR:?set ESC50_DIR to the ESC-50 directory}"
out=$1 cache=$2
esc50=${ESC50:-$(dirname "$0")/../build/apps/esc50/esc50}
[[ -x $esc50 ]] || { echo "$0: $esc50 is not built (set ESC50 to the esc50 program)" >&2; exit 2; }
if [[ -e $out/summary.json ]]; then
  echo "$0: $out holds a CV already; give a new OUT_DIR" >&2
  exit 2
fi
mkdir -p "$out"
log=$out/wall_time.txt
: > "$log"

# step NAME COMMAND...: runs it under /usr/bin/time and appends "NAME <s> s, peak RSS <KB> KB".
step() {
  local name=$1
  shift
  /usr/bin/time -o "$out/.time-$name" -f "%e %M" "$@" > "$out/$name.log" 2>&1 ||
    { echo "$0: step $name failed; see $out/$name.log" >&2; return 1; }
  read -r seconds rss < "$out/.time-$name"
  rm -f "$out/.time-$name"
  echo "$name $seconds s, peak RSS $rss KB" >> "$log"
}
export -f step
export out log

start=$(date +%s.%N)
step render "$esc50" features --data "$ESC50_DIR" --cache "$cache" --augment balanced --augment-cache 6
printf '%s\n' 1 2 3 4 | xargs -P 2 -I{} bash -c \
  'step fold{} "$0" cv --data "$ESC50_DIR" --cache "$1" --out "$out" --folds {} --threads 1 --quiet' \
  "$esc50" "$cache"
step fold5 "$esc50" cv --data "$ESC50_DIR" --cache "$cache" --out "$out" --folds 5 --threads 2 --quiet
end=$(date +%s.%N)
echo "total $(echo "$end - $start" | bc) s wall" >> "$log"
"$esc50" cv --data "$ESC50_DIR" --cache "$cache" --out "$out" --quiet | tail -1 >> "$log"
cat "$log"
