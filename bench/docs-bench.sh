#!/usr/bin/env bash
# `veneer docs generate` on the TPC-H example and on generated projects, with prod and a dev
# environment in state (written without Spark by DocsStateSetup), then render times in headless
# Chromium of the models list, the DAG neighbourhood of a model, a model page, the dev page and the
# column lineage of a staging model's first column (the widest downstream walk).
#
# Usage: bench/docs-bench.sh [SIZE...]     (default sizes: 1000 10000)
# Needs: bench/target/benchmarks.jar (mvn -o -q -Pbench -pl bench -am package -DskipTests),
#        chromium and chromium-driver (the docs test classes are compiled by the script).
set -euo pipefail
HOME_DIR="$(cd "$(dirname "$0")/.." && pwd)"
VENEER="$HOME_DIR/bin/veneer"
RUNS="${RUNS:-3}"
if [[ $# -gt 0 ]]; then SIZES=("$@"); else SIZES=(1000 10000); fi
WORK="$(mktemp -d "${TMPDIR:-/tmp}/veneer-docs.XXXXXX")"
if [[ "${KEEP:-0}" != 1 ]]; then trap 'rm -rf "$WORK"' EXIT; fi
"$VENEER" --help > /dev/null
(cd "$HOME_DIR" && mvn -o -q test-compile dependency:build-classpath -pl spark-runner -am -DexcludeGroupIds=dev.veneer -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/docs-test-cp.txt" > /dev/null)
TIMING_CP="$HOME_DIR/spark-runner/target/test-classes:$HOME_DIR/spark-runner/target/classes:$HOME_DIR/planner/target/classes:$HOME_DIR/catalog/target/classes:$(cat "$WORK/docs-test-cp.txt")"

echo "# $(date -u +%FT%TZ)  nproc=$(nproc)  java=$(java -version 2>&1 | head -n1 | cut -d'"' -f2)  VENEER_JAVA_OPTS='${VENEER_JAVA_OPTS:-}'  load before: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %8s %10s %8s %10s %10s\n' project models generate_s files size_mb lineage_mb

measure() {  # name dir
  local name=$1 dir=$2 start end
  start=$(date +%s.%N)
  "$VENEER" --project "$dir" docs generate --out "$dir/site" > /dev/null 2> "$WORK/$name.err"
  end=$(date +%s.%N)
  local files size models
  files=$(find "$dir/site" -type f | wc -l)
  size=$(du -sb "$dir/site" | cut -f1)
  models=$(find "$dir/site/models" -name '*.html' | wc -l)
  lineage=$(du -sb "$dir/site/data/lineage" 2> /dev/null | cut -f1 || echo 0)
  printf '%-10s %8d %10.1f %8d %10.1f %10.1f\n' "$name" "$models" "$(echo "$end - $start" | bc)" "$files" "$(echo "$size / 1000000" | bc -l)" \
      "$(echo "${lineage:-0} / 1000000" | bc -l)"
}

cp -r "$HOME_DIR/examples/tpch" "$WORK/tpch"
java -cp "$HOME_DIR/bench/target/benchmarks.jar" dev.veneer.bench.DocsStateSetup "$WORK/tpch" 3 2> /dev/null
measure tpch "$WORK/tpch"
for n in "${SIZES[@]}"; do
  "$VENEER" generate --models "$n" "$WORK/p$n" > /dev/null 2>&1
  java -Xmx2g -cp "$HOME_DIR/bench/target/benchmarks.jar" dev.veneer.bench.DocsStateSetup "$WORK/p$n" 20 2> /dev/null
  measure "p$n" "$WORK/p$n"
done

echo "# render in headless Chromium (load = navigation start to load event end; script = filters, layout, drawing)"
for n in "${SIZES[@]}"; do
  site="$WORK/p$n/site"
  middle=$(ls "$site/models" | sort | sed -n "$(( n / 2 ))p" | sed 's/\.html$//')
  staging=$(ls "$site/models" | sort | grep -m1 '^staging\.' | sed 's/\.html$//')
  column=$(grep -o '"name":"[a-z_0-9]*"' "$site/data/lineage/$staging.js" | head -n1 | cut -d'"' -f4)
  echo "## p$n"
  java -cp "$TIMING_CP" dev.veneer.spark.docs.DocsRenderTiming "$site" "$RUNS" models.html "dag.html?model=$middle&up=2&down=2" \
      "models/$middle.html" environments/dev.html "lineage.html?model=$staging&column=$column" 2> /dev/null
done
