#!/usr/bin/env bash
# Query time of the case-service's hot query shapes, stock H2 backend against the platform's
# indexing one, in one run (ADR 0036, docs/benchmarks.md). Sizes default to 1000 10000 100000.
# Usage: embedded-mongo/benchmark.sh [sizes...]
#        embedded-mongo/benchmark.sh writes [count]   what a commit before every reply costs
#        (ADR 0042): inserts and updates, background commit against commit before the reply
#        embedded-mongo/benchmark.sh store [sizes...]   the write path of a complaint (ADR 0058):
#        insert + 3 updates per case on a file of 10^4 and 10^5 cases (default), stock value type
#        against kept document bytes, oplog on and off, one JVM per variant
#        (STORE_CASES new cases per variant, default 1500; STORE_JFR=dir adds a recorded kept/off run)
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
./mvnw -q -o -pl embedded-mongo -DskipTests test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile=target/benchmark.classpath
cd embedded-mongo
main=id.aduan.mongo.IndexBenchmark
if [[ "${1:-}" == "store" ]]; then
  shift
  cp="target/test-classes:target/classes:$(cat target/benchmark.classpath)"
  dir=$(mktemp -d)
  echo "# $(date -u +%FT%TZ), $(nproc) cores, $("$JAVA_HOME/bin/java" -version 2>&1 | head -1)"
  echo "| stored cases | value type | oplog | writes/s | ms per write | CPU ms per write (process) | CPU ms per write (server) |"
  echo "|---:|---|---|---:|---:|---:|---:|"
  sizes=("$@")
  if [[ ${#sizes[@]} -eq 0 ]]; then sizes=(10000 100000); fi
  for size in "${sizes[@]}"; do
    "$JAVA_HOME/bin/java" -Xmx2g -cp "$cp" id.aduan.mongo.StoreBenchmark seed "$dir/seed-$size.mv" "$size"
    for oplog in true false; do
      for keep in false true; do
        "$JAVA_HOME/bin/java" -Xmx2g -Daduan.mongo.keepDocumentBytes=$keep -cp "$cp" \
          id.aduan.mongo.StoreBenchmark run "$dir/seed-$size.mv" "$size" "${STORE_CASES:-1500}" "$oplog"
      done
    done
    if [[ -n "${STORE_JFR:-}" ]]; then
      # A run of its own: the recording's cost stays out of the rows above.
      echo "# recorded in $STORE_JFR/store-$size.jfr (not comparable with the rows above):"
      "$JAVA_HOME/bin/java" -Xmx2g -XX:StartFlightRecording="filename=$STORE_JFR/store-$size.jfr,settings=profile" \
        -cp "$cp" id.aduan.mongo.StoreBenchmark run "$dir/seed-$size.mv" "$size" "${STORE_CASES:-1500}" false
    fi
    rm -f "$dir/seed-$size.mv"
  done
  rmdir "$dir"
  exit 0
fi
if [[ "${1:-}" == "writes" ]]; then
  main=id.aduan.mongo.WriteBenchmark
  shift
fi
exec "$JAVA_HOME/bin/java" -Xmx4g \
  -cp "target/test-classes:target/classes:$(cat target/benchmark.classpath)" \
  "$main" "$@"
