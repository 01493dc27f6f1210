#!/usr/bin/env bash
# Two builds of Veneer planning the same project alternately, so that a noisy machine slows both
# alike: `plan prod --json`, whole process, -Xmx512m. Each build plans its own copy of the project
# (builds of different code never share a query cache). Prints median and range of wall time and the
# median CPU time (user + system) per build.
#
# Usage: bench/ab-planner.sh BASE_HOME NEW_HOME PROJECT MODE [RUNS]
#   BASE_HOME, NEW_HOME  checkouts of Veneer (e.g. a `git worktree` of an older commit, and this one)
#   PROJECT              a project folder (e.g. from `bin/veneer generate --models 10000 --seed 42 DIR`)
#   MODE                 cold: no .veneer/ before each run; warm: one model file edited before each
#                        run (one file parsed); same: nothing changed between runs
#   RUNS                 runs per build (default 5)
set -euo pipefail
# Every run in a JVM of its own: the planner daemon is measured by bench/daemon-planner.sh.
export VENEER_DAEMON=0
BASE="$1"; NEW="$2"; PROJECT="$3"; MODE="$4"; RUNS="${5:-5}"
WORK="$(mktemp -d "${TMPDIR:-/tmp}/veneer-ab.XXXXXX")"
trap 'rm -rf "$WORK"' EXIT
cp -r "$PROJECT" "$WORK/base"; cp -r "$PROJECT" "$WORK/new"

run() { # home, copy, result file
  local dir="$WORK/$2"
  case "$MODE" in
    cold) rm -rf "$dir/.veneer" ;;
    warm) rm -f "$dir/.veneer/state.db"
          local file; file=$(ls "$dir"/models/*/*.sql | sed -n "$((RANDOM % 500 + 1))p")
          [[ -n "$file" ]] || file=$(ls "$dir"/models/*/*.sql | head -n 1)
          sed -i "0,/ AS /s// AS  /" "$file" ;;
  esac
  VENEER_JAVA_OPTS=-Xmx512m /usr/bin/time -f '%e %U %S' -o "$WORK/time" "$1/bin/veneer" --project "$dir" plan prod --json > /dev/null 2>&1
  cat "$WORK/time" >> "$3"
}

"$BASE/bin/veneer" --version > /dev/null; "$NEW/bin/veneer" --version > /dev/null   # builds if needed
run "$BASE" base /dev/null; run "$NEW" new /dev/null                                 # class-data archives, caches
echo "# $(date -u +%FT%TZ)  nproc=$(nproc)  mode=$MODE  runs=$RUNS  load before: $(cut -d' ' -f1-3 /proc/loadavg)"
for _ in $(seq 1 "$RUNS"); do
  run "$BASE" base "$WORK/base.times"
  run "$NEW" new "$WORK/new.times"
done
for side in base new; do
  sort -n "$WORK/$side.times" | awk -v side="$side" '
    {wall[NR] = $1; cpu[NR] = $2 + $3}
    END {n = asort(cpu, sorted); printf "%-4s wall median %.2f s (%.2f-%.2f)  cpu median %.2f s\n", side, wall[int((NR + 1) / 2)], wall[1], wall[NR], sorted[int((n + 1) / 2)]}'
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
