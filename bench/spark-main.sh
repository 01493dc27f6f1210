#!/usr/bin/env bash
# Runs a benchmark main of the examples module on the CLI's full classpath (Spark, Delta, Iceberg),
# with the JVM flags bin/veneer gives Spark commands. Builds through bin/veneer first if needed.
# Usage: bench/spark-main.sh dev.veneer.examples.bench.ViewRepointBenchmark --views 1000
#        bench/spark-main.sh dev.veneer.examples.bench.TpchApplyBenchmark --scale 0.1
# Env:   BENCH_JAVA_OPTS, extra JVM flags (a JFR recording, say)
set -euo pipefail
HOME_DIR="$(cd "$(dirname "$0")/.." && pwd)"
"$HOME_DIR/bin/veneer" --version > /dev/null
CP="$HOME_DIR/conf"
for module in catalog planner spark-runner examples; do
  CP="$CP:$(ls "$HOME_DIR/$module/target/"veneer-"$module"-*.jar | grep -v -e '-sources' -e '-tests' -e '-spark-submit' | head -n 1)"
done
CP="$CP:$(cat "$HOME_DIR/examples/target/veneer-classpath.txt")"
echo "# $(date -u +%FT%TZ) nproc=$(nproc) mem=$(free -g | awk '/Mem:/ {print $2}')G load=$(cut -d' ' -f1-3 /proc/loadavg) $*" >&2
exec java ${BENCH_JAVA_OPTS:-} --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.lang.invoke=ALL-UNNAMED \
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED \
  --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED \
  --add-opens=java.base/java.util=ALL-UNNAMED --add-opens=java.base/java.util.concurrent=ALL-UNNAMED \
  --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED \
  --add-opens=java.base/sun.nio.cs=ALL-UNNAMED --add-opens=java.base/sun.security.action=ALL-UNNAMED \
  --add-opens=java.base/sun.util.calendar=ALL-UNNAMED -Djdk.reflect.useDirectMethodHandle=false \
  -Xmx4g -XX:+UseParallelGC -Dlog4j2.configurationFile="$HOME_DIR/conf/log4j2.properties" -Dveneer.home="$HOME_DIR" \
  -cp "$CP" "$@"
