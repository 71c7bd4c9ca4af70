#!/usr/bin/env bash
# The real-browser journeys, RUNS times in a row, while one busy loop per core keeps the machine loaded.
# A journey that fails here waits on time somewhere instead of on the app's state: fix the wait.
# Usage: scripts/soak_browser.sh [RUNS]   (make soak RUNS=10)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
burners=()
trap 'kill "${burners[@]}" 2>/dev/null || true' EXIT
for _ in $(seq "$(nproc)"); do
  python3 -c 'while True: pass' &
  burners+=($!)
done
started=$(date +%s)
for run in $(seq "$runs"); do
  echo "== browser journeys, run $run of $runs, $(nproc) busy loops beside them"
  if ! .venv/bin/python -m pytest -m browser -q -p no:cacheprovider; then
    echo "== failed on run $run of $runs"
    exit 1
  fi
done
echo "== $runs runs passed in a row in $(( $(date +%s) - started )) s under load"
