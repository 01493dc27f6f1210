#!/usr/bin/env bash
# `veneer plan prod --json` served by the planner daemon, on generated projects: the whole bin/veneer
# process as a user times it. Per size: the first plan (run in its own JVM; it starts the daemon),
# then, once the daemon has warmed up, RUNS plans after editing one model ("warm") and RUNS plans with
# no .veneer/ at all ("cold": every file parsed, in the daemon's compiled code). The daemon is
# stopped between sizes and at the end.
#
# Usage: bench/daemon-planner.sh [SIZE...]     (default: 10000)
# Env:   RUNS (default 5), SEED (default 42), VENEER_JAVA_OPTS (passed to both JVMs by bin/veneer)
set -euo pipefail
HOME_DIR="$(cd "$(dirname "$0")/.." && pwd)"
VENEER="$HOME_DIR/bin/veneer"
RUNS="${RUNS:-5}"
SEED="${SEED:-42}"
if [[ $# -gt 0 ]]; then SIZES=("$@"); else SIZES=(10000); fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/veneer-daemon-bench.XXXXXX")"
trap '"$VENEER" daemon stop > /dev/null; rm -rf "$WORK"' EXIT

"$VENEER" --version > /dev/null   # builds if sources changed
now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timed() { local s e; s=$(now); "$VENEER" --project "$1" plan prod --json > /dev/null; e=$(now); echo "$e - $s" | bc; }

echo "# $(date -u +%FT%TZ)  nproc=$(nproc)  VENEER_JAVA_OPTS='${VENEER_JAVA_OPTS:-}'  runs=$RUNS  seed=$SEED  load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%8s %12s %10s %14s %10s %14s %s\n' models first_own_s warm_s warm_range_s cold_s cold_range_s max_daemon_rss_mb
for n in "${SIZES[@]}"; do
  dir="$WORK/p$n"
  "$VENEER" generate --models "$n" --seed "$SEED" "$dir" > /dev/null
  "$VENEER" daemon stop > /dev/null
  first=$(timed "$dir")
  # the daemon warms up on the example project and then on this one; wait until it is idle
  for _ in $(seq 1 120); do
    "$VENEER" daemon status | grep -q ', idle,' && break
    sleep 1
  done
  warm=(); cold=()
  for i in $(seq 1 "$RUNS"); do
    file=$(ls "$dir"/models/*/*.sql | sed -n "$((i * 7))p")
    sed -i "0,/ AS /s// AS  /" "$file"
    warm+=("$(timed "$dir")")
  done
  for _ in $(seq 1 "$RUNS"); do
    rm -rf "$dir/.veneer"
    cold+=("$(timed "$dir")")
  done
  read -r _ _ pid < "$HOME_DIR/examples/target/veneer-daemon-$UID"
  rss=$(awk '/VmHWM/ {print int($2 / 1024)}' "/proc/$pid/status" 2> /dev/null || echo "?")
  sorted_warm=$(printf '%s\n' "${warm[@]}" | sort -n | tr '\n' ' ')
  sorted_cold=$(printf '%s\n' "${cold[@]}" | sort -n | tr '\n' ' ')
  printf '%8d %12.2f %10.2f %14s %10.2f %14s %s\n' "$n" "$first" "$(printf '%s\n' "${warm[@]}" | median)" \
    "$(echo "$sorted_warm" | awk '{printf "%.2f-%.2f", $1, $NF}')" "$(printf '%s\n' "${cold[@]}" | median)" \
    "$(echo "$sorted_cold" | awk '{printf "%.2f-%.2f", $1, $NF}')" "$rss"
  "$VENEER" daemon stop > /dev/null
done
echo "# load after: $(cut -d' ' -f1-3 /proc/loadavg)"
