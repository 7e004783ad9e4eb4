#!/usr/bin/env bash
# Few-shot transfer on ESC-50 itself (docs/results.md, "Fine-tuning with few clips").
#
#   scripts/few_shot.sh OUT [TEST_FOLDS]     e.g. scripts/few_shot.sh runs/few-shot "1 2 3"
#
# 1. A backbone learns the 40 classes whose target is not 4 mod 5 (two classes of each ESC-50
#    category are held back), on all five folds of those 40 classes.
# 2. For each test fold K and N in 5 10 20: N clips per held-back class, drawn with a fixed
#    seed from the other folds, train (a) from the backbone (--init) and (b) from scratch, with
#    the same epochs, batch and recipe. Test: every clip of fold K of the 10 held-back classes.
# 3. OUT/results.csv gets one row per run; OUT/table.md the mean ± sample std over test folds.
#
# Environment: ESC50_DIR (the dataset), ESC50 (the binary; default build/apps/esc50/esc50),
# THREADS (default 1), BACKBONE_EPOCHS (default 30).
set -euo pipefail

out=${1:?usage: scripts/few_shot.sh OUT [TEST_FOLDS]}
test_folds=${2:-"1 2 3 4 5"}
esc50=${ESC50:-build/apps/esc50/esc50}
data=${ESC50_DIR:?set ESC50_DIR to the ESC-50 root}
threads=${THREADS:-1}
backbone_epochs=${BACKBONE_EPOCHS:-30}
meta="$data/meta/esc50.csv"
first_clip=$(find "$data/audio" -type f -print -quit)
audio_ext=${first_clip##*.}

mkdir -p "$out"
out=$(cd "$out" && pwd)

# file,label,fold rows for the clips of ESC-50's metadata, with the dataset's own audio extension
rows() { awk -F, -v ext="$audio_ext" -v root="$data" 'NR > 1 {
  stem = $1; sub(/\.[^.]*$/, "", stem)
  printf "%s/audio/%s.%s,%s,%s,%s\n", root, stem, ext, $4, $2, $3 }' "$meta"; }

held_back() { awk -F, '$4 % 5 == 4'; }
kept() { awk -F, '$4 % 5 != 4'; }

backbone="$out/backbone"
if [[ ! -f "$backbone/final.json" ]]; then
  { echo "file,label,fold"; rows | kept | cut -d, -f1-3; } > "$out/backbone.csv"
  if [[ -f "$backbone/checkpoint-last.pt" ]]; then
    "$esc50" train --resume "$backbone" --quiet
  else
    "$esc50" train --data "$out/backbone.csv" --fold 0 --epochs "$backbone_epochs" \
      --threads "$threads" --cache "$out/cache" --out "$backbone" --quiet
  fi
fi

# Epochs fall as clips rise so that every run sees about 4000 clips at batch 16.
epochs_for() { case $1 in 5) echo 80 ;; 10) echo 40 ;; 20) echo 20 ;; esac; }

[[ -f "$out/results.csv" ]] || echo "test_fold,clips_per_class,start,test_acc,seconds" > "$out/results.csv"
for fold in $test_folds; do
  for n in 5 10 20; do
    manifest="$out/fold$fold-n$n.csv"
    {
      echo "file,label,fold"
      # test: fold K of the held-back classes, as fold 1
      rows | held_back | awk -F, -v k="$fold" '$3 == k { print $1 "," $2 ",1" }'
      # train: N clips per class from the other folds, chosen by a seeded shuffle, as fold 2
      rows | held_back | awk -F, -v k="$fold" '$3 != k' |
        awk -F, -v seed="$fold$n" 'BEGIN { srand(seed) } { print rand() "," $0 }' |
        sort -t, -k1,1 | cut -d, -f2- |
        awk -F, -v n="$n" 'count[$2]++ < n { print $1 "," $2 ",2" }'
    } > "$manifest"
    epochs=$(epochs_for "$n")
    for start in backbone scratch; do
      run="$out/fold$fold-n$n-$start"
      if ! grep -q "^$fold,$n,$start," "$out/results.csv"; then
        init=()
        [[ $start == backbone ]] && init=(--init "$backbone/model.esc50" --freeze-epochs $((epochs / 4)) --backbone-lr-scale 0.3)
        rm -rf "$run"
        "$esc50" train --data "$manifest" --protocol official --fold 1 --epochs "$epochs" \
          --batch-size 16 --threads "$threads" --cache "$out/cache" --out "$run" --quiet "${init[@]}"
        acc=$(grep -o '"test_acc": *[0-9.]*' "$run/final.json" | sed 's/.*: *//')
        secs=$(grep -o '"seconds": *[0-9.]*' "$run/final.json" | sed 's/.*: *//')
        echo "$fold,$n,$start,$acc,$secs" >> "$out/results.csv"
      fi
    done
  done
done

awk -F, 'NR > 1 { key = $2 "," $3; n[key]++; s[key] += $4; ss[key] += $4 * $4 }
  END {
    print "| clips per class | from the 40-class backbone | from scratch | test folds |"
    print "|---|---|---|---|"
    split("5 10 20", sizes, " ")
    for (j = 1; j <= 3; j++) {
      c = sizes[j]; line = "| " c
      for (i = 0; i < 2; i++) {
        key = c "," (i == 0 ? "backbone" : "scratch")
        m = s[key] / n[key]; v = n[key] > 1 ? (ss[key] - n[key] * m * m) / (n[key] - 1) : 0
        line = line sprintf(" | %.1f ± %.1f %%", 100 * m, 100 * sqrt(v > 0 ? v : 0))
      }
      print line " | " n[c ",backbone"] " |"
    }
  }' "$out/results.csv" > "$out/table.md"
cat "$out/table.md"
