#!/usr/bin/env bash
# Times `veneer test` on the TPC-H example's unit tests (examples/tpch/tests/*.yaml): the whole
# process (JVM and SparkSession start included) and the tests alone as the command reports them.
# Usage: bench/tests-bench.sh [RUNS]   (default 3; the first run after a build also builds)
set -euo pipefail
VENEER_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUNS="${1:-3}"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
cp -r "$VENEER_HOME/examples/tpch" "$WORK/tpch"
rm -rf "$WORK/tpch/.veneer"
"$VENEER_HOME/bin/veneer" --project "$WORK/tpch" dag > /dev/null   # builds Veneer if needed, outside the timings
echo "run  whole process  tests (as reported)"
for run in $(seq 1 "$RUNS"); do
  start=$(date +%s.%N)
  out=$("$VENEER_HOME/bin/veneer" --project "$WORK/tpch" test 2>/dev/null)
  end=$(date +%s.%N)
  ran=$(grep -o 'Ran [0-9]* tests in [0-9.]* s' <<< "$out")
  printf "%3d  %13.1f s  %s\n" "$run" "$(echo "$end - $start" | bc)" "$ran"
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
