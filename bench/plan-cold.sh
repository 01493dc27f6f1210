#!/usr/bin/env bash
# Cold `veneer plan --json` on a project (default: examples/tpch): the whole process, JVM start
# included, against an empty state, repeated; prints each run and the median.
# Usage: bench/plan-cold.sh [PROJECT_DIR] [RUNS]
set -euo pipefail
# Every run in a JVM of its own: the planner daemon is measured by bench/daemon-planner.sh.
export VENEER_DAEMON=0
HOME_DIR="$(cd "$(dirname "$0")/.." && pwd)"
SOURCE="${1:-$HOME_DIR/examples/tpch}"
RUNS="${2:-5}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cp -r "$SOURCE" "$WORK/project"
rm -rf "$WORK/project/.veneer"
"$HOME_DIR/bin/veneer" --project "$WORK/project" plan prod --json > /dev/null   # builds the launcher's classpath once

times=()
for i in $(seq 1 "$RUNS"); do
  rm -rf "$WORK/project/.veneer"
  start=$(date +%s.%N)
  "$HOME_DIR/bin/veneer" --project "$WORK/project" plan prod --json > /dev/null
  end=$(date +%s.%N)
  t=$(echo "$end - $start" | bc)
  times+=("$t")
  printf 'run %d: %.2f s\n' "$i" "$t"
done
models=$(find "$WORK/project/models" -name '*.sql' | wc -l)
median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
printf 'cold plan --json, %d models, %d runs: median %.2f s (%s cores, %s)\n' "$models" "$RUNS" "$median" "$(nproc)" "$(date -u +%F)"
