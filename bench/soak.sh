#!/usr/bin/env bash
# Soak of `esc50 serve`: mixed good and hostile traffic from 16 clients for SECONDS (default
# 600) against the bundled model; zero unexpected statuses or dropped connections, RSS bounded
# after warm-up, clean shutdown. Writes OUT/rss.csv and OUT/rss.png (docs/reliability.md).
# Usage: bench/soak.sh [SECONDS] [OUT]   (after scripts/test.sh, which also installs the chromium
# that draws its RSS chart)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
seconds=${1:-600}
out=${2:-$root/build/soak}
mkdir -p "$out"
cli=${ESC50_CLI:-$root/build/apps/esc50/esc50}
clip=$root/examples/1-100032-A-0.ogg
node "$root/web/tests/load.mjs" --cli "$cli" --model "$root/models/default.esc50" --clip "$clip" \
  --clients 16 --seconds "$seconds" --max-rss-mb 1500 --rss-csv "$out/rss.csv"
node "$root/web/tests/rss_chart.mjs" --csv "$out/rss.csv" --out "$out/rss.png" \
  --title "esc50 serve, 16 clients, ${seconds} s of mixed traffic: resident memory"
