#!/usr/bin/env bash
# Query time of the case-service's hot query shapes, stock H2 backend against the platform's
# indexing one, in one run (ADR 0036, docs/benchmarks.md). Sizes default to 1000 10000 100000.
# Usage: embedded-mongo/benchmark.sh [sizes...]
#        embedded-mongo/benchmark.sh writes [count]   what a commit before every reply costs
#        (ADR 0042): inserts and updates, background commit against commit before the reply
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -q -o -pl embedded-mongo -DskipTests test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmark.classpath
cd embedded-mongo
main=id.aduan.mongo.IndexBenchmark
if [[ "${1:-}" == "writes" ]]; then
  main=id.aduan.mongo.WriteBenchmark
  shift
fi
exec "$JAVA_HOME/bin/java" -Xmx4g \
  -cp "target/test-classes:target/classes:$(cat target/benchmark.classpath)" \
  "$main" "$@"
