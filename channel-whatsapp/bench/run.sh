#!/usr/bin/env bash
# The channel-whatsapp webhook benchmark (docs/benchmarks.md): builds the module and its siblings
# from this checkout, then runs id.aduan.whatsapp.bench.WebhookBenchmark, which starts a KRaft
# broker, the MongoDB-protocol server and one channel-whatsapp instance in one JVM and fires
# signed webhooks at it on 127.0.0.1.
#
# Usage: channel-whatsapp/bench/run.sh [connections=64] [saturation-requests=30000]
#        [latency-seconds=20] [warm-up-requests=5000] [latency-rate=half the saturation rate]
# Loopback only; every loop is bounded by its request count.
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"
export JAVA_HOME
cp_file="$root/channel-whatsapp/target/bench-classpath.txt"
./mvnw -q -o -pl channel-whatsapp -am -DskipTests test-compile dependency:build-classpath \
  -Dmdep.includeScope=test -Dmdep.outputFile="$cp_file" >/dev/null
exec "$JAVA_HOME/bin/java" -Xmx2g ${BENCH_JAVA_OPTS:-} \
  -cp "$root/channel-whatsapp/target/test-classes:$root/channel-whatsapp/target/classes:$(cat "$cp_file")" \
  id.aduan.whatsapp.bench.WebhookBenchmark "$@"
