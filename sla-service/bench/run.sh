#!/usr/bin/env bash
# The SLA scan benchmark (docs/benchmarks.md): builds sla-service and its siblings from this
# checkout, then runs id.aduan.sla.bench.ScanBenchmark on the in-JVM MongoDB wire-protocol server.
# Usage: sla-service/bench/run.sh [due=1000] [sizes=10000,100000,1000000]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
if [ -z "${JAVA_HOME:-}" ] || [ ! -x "$JAVA_HOME/bin/java" ]; then
  JAVA_HOME=$(ls -d /usr/lib/jvm/*25* 2>/dev/null | head -n 1)
fi
export JAVA_HOME
cp_file="$root/sla-service/target/bench-classpath.txt"
./mvnw -q -pl sla-service -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
exec "$JAVA_HOME/bin/java" -Xmx8g --enable-native-access=ALL-UNNAMED \
  --sun-misc-unsafe-memory-access=allow ${BENCH_JAVA_OPTS:-} \
  -cp "$root/sla-service/target/test-classes:$root/sla-service/target/classes:$(cat "$cp_file")" \
  id.aduan.sla.bench.ScanBenchmark "$@"
