#!/usr/bin/env bash
# The end-to-end benchmark (issue 20): on a platform of its own (free ports, a temporary
# ADUAN_HOME), real complaints become templates that fill the store to each size; then at each size
# signed WhatsApp webhooks from new citizens at the maximum and at a fixed rate, alternating with
# the raw baseline (a JDK webhook producing with acks=all, a plain consumer writing the same
# documents), each complaint followed to its case, its SLA clock and its acknowledgement. Writes
# its figures into docs/benchmarks.md ("End-to-end pipeline (issue 20)"). PipelineBenchmarkPlatformTest.
#
#   e2e-tests/benchmark.sh                      packages the jars first, then runs it
#   ADUAN_BUILD=never e2e-tests/benchmark.sh -o  uses the jars already packaged (further arguments
#                                               go to Maven), e.g.
#     -Dbenchmark.sizes=1000,10000,100000 -Dbenchmark.seconds=10 -Dbenchmark.rate=50
#     -Dbenchmark.concurrency=32 -Dbenchmark.follow=120 -Dbenchmark.templates=100
#     -Dbenchmark.drain=300     at most this long for the maximum burst's backlog before the burst at
#                               half the rate it sustained
#     -Dbenchmark.jfr=true                      a JFR recording of every component (jcmd) during
#                                               Aduan's maximum burst, summarised in the report
#     -Dbenchmark.env.ADUAN_WHATSAPP_CITIZENINTERVAL=50ms   any variable for ./aduan
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${ADUAN_BUILD:-}" != "never" ]]; then
  ./mvnw -q -DskipTests package
fi
# -Daduan.test.jit= : the benchmark's JVM (load generator, raw baseline, offline seeding) runs with
# the JDK's default JIT, not the test JVMs' C1 only (ADR 0057), so the baseline runs at full speed.
# embedded-mongo in the reactor: the offline seeding (StoreFile, ADR 0056) writes the store's file
# with this tree's store code, not with whatever embedded-mongo jar the local repository holds.
exec ./mvnw -pl embedded-mongo,e2e-tests verify \
  -Dtest=PipelineBenchmarkPlatformTest \
  -Dsurefire.failIfNoSpecifiedTests=false \
  -Dbenchmark.run=true \
  -Daduan.test.jit= \
  -Dplatform.fork.timeout=7200 \
  -Dbenchmark.report="$PWD/docs/benchmarks.md" \
  "$@"
