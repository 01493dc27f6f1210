#!/usr/bin/env bash
# `veneer plan prod --json` on generated projects of growing size: the whole process, JVM start
# included, against empty state every run (no state file: a plan does not create one). "cold": no .veneer/ at all (every file parsed);
# "warm": the query cache of the previous run kept and one model file edited before each run (one
# file parsed). Prints medians of RUNS runs per size, the cold cost per model and its ratio against
# the smallest size (1.00 = linear).
#
# Usage: bench/e2e-planner.sh [SIZE...]            (default sizes: 1000 5000 10000 20000)
# Env:   RUNS (default 3), SEED (default 42), KEEP=1 to keep the generated projects,
#        VENEER_JAVA_OPTS (passed to java by bin/veneer, e.g. -Xmx512m), PHASES=1 to add one
#        PlanPhases run per size (needs bench/target/benchmarks.jar: mvn -o -q -Pbench -pl bench -am package -DskipTests)
set -euo pipefail
# Every run in a JVM of its own: the planner daemon is measured by bench/daemon-planner.sh.
export VENEER_DAEMON=0
HOME_DIR="$(cd "$(dirname "$0")/.." && pwd)"
VENEER="$HOME_DIR/bin/veneer"
RUNS="${RUNS:-3}"
SEED="${SEED:-42}"
if [[ $# -gt 0 ]]; then SIZES=("$@"); else SIZES=(1000 5000 10000 20000); fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/veneer-e2e.XXXXXX")"
if [[ "${KEEP:-0}" != 1 ]]; then trap 'rm -rf "$WORK"' EXIT; fi

"$VENEER" --help > /dev/null   # builds the launcher's classpath once if sources changed

now() { date +%s.%N; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

# The floor: a JVM that starts the CLI and exits (picocli, plugins found by ServiceLoader).
floor=()
for _ in $(seq 1 "$RUNS"); do
  s=$(now); "$VENEER" --version > /dev/null; e=$(now)
  floor+=("$(echo "$e - $s" | bc)")
done
floor_median=$(printf '%s\n' "${floor[@]}" | median)

echo "# $(date -u +%FT%TZ)  nproc=$(nproc)  mem=$(free -g | awk '/Mem:/ {print $2}')G  java=$(java -version 2>&1 | head -n1 | cut -d'"' -f2)  VENEER_JAVA_OPTS='${VENEER_JAVA_OPTS:-}'  runs=$RUNS  seed=$SEED"
echo "# load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '# veneer --version (JVM + CLI start, no work): median %.2f s\n' "$floor_median"
printf '%8s %10s %10s %10s %10s %12s %10s %s\n' models cold_s warm_s ms/model ratio max_rss_mb sql_mb cold_runs_s/warm_runs_s
base_per_model=""
for n in "${SIZES[@]}"; do
  dir="$WORK/p$n"
  "$VENEER" generate --models "$n" --seed "$SEED" "$dir" > /dev/null
  times=(); rss=0
  for _ in $(seq 1 "$RUNS"); do
    rm -rf "$dir/.veneer"
    s=$(now)
    /usr/bin/time -f '%M' -o "$WORK/rss" "$VENEER" --project "$dir" plan prod --json > /dev/null
    e=$(now)
    times+=("$(echo "$e - $s" | bc)")
    r=$(tail -n1 "$WORK/rss"); (( r > rss )) && rss=$r
  done
  warm=()
  for i in $(seq 1 "$RUNS"); do
    rm -f "$dir/.veneer/state.db"
    # One more space in one file: a new content hash, so that file (only) is parsed again.
    file=$(ls "$dir"/models/*/*.sql | sed -n "$((i * 7))p")
    sed -i "0,/ AS /s// AS  /" "$file"
    s=$(now)
    /usr/bin/time -f '%M' -o "$WORK/rss" "$VENEER" --project "$dir" plan prod --json > /dev/null
    e=$(now)
    warm+=("$(echo "$e - $s" | bc)")
    r=$(tail -n1 "$WORK/rss"); (( r > rss )) && rss=$r
  done
  warm_med=$(printf '%s\n' "${warm[@]}" | median)
  med=$(printf '%s\n' "${times[@]}" | median)
  per_model=$(echo "scale=6; $med * 1000 / $n" | bc)
  [[ -z "$base_per_model" ]] && base_per_model=$per_model
  ratio=$(echo "scale=6; $per_model / $base_per_model" | bc)
  sql_mb=$(du -sm "$dir/models" | cut -f1)
  printf '%8d %10.2f %10.2f %10.3f %10.2f %12d %10d %s\n' "$n" "$med" "$warm_med" "$per_model" "$ratio" $((rss / 1024)) "$sql_mb" \
    "$(printf '%.2f,' "${times[@]}" | sed 's/,$//')/$(printf '%.2f,' "${warm[@]}" | sed 's/,$//')"
  if [[ "${PHASES:-0}" == 1 && -f "$HOME_DIR/bench/target/benchmarks.jar" ]]; then
    rm -rf "$dir/.veneer"
    # shellcheck disable=SC2086
    echo "#   phases: $(java -XX:TieredStopAtLevel=1 -XX:+UseParallelGC -Xmx512m ${VENEER_JAVA_OPTS:-} \
      -cp "$HOME_DIR/bench/target/benchmarks.jar" dev.veneer.bench.PlanPhases "$dir" 2>&1 >/dev/null | tail -n1)"
  fi
  rm -rf "$dir/.veneer"
done
echo "# load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
