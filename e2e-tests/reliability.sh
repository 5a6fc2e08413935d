#!/usr/bin/env bash
# The fault suite in full (issue 21): every fault of docs/reliability.md with the outages of the
# issue (Kafka 10 s, MongoDB 30 s, the provider down for a minute) and every service killed in
# turn, on a platform of its own (free ports, a temporary ADUAN_HOME); then writes
# docs/reliability.md with the counts. Takes about 20-30 minutes on a laptop.
#
#   e2e-tests/reliability.sh            packages the jars first, then runs the suite
#   ADUAN_BUILD=never e2e-tests/reliability.sh -o   uses the jars already packaged (further
#                                                  arguments go to Maven)
#
# The bounded form (few webhooks, short outages) runs in ./aduan test with the other platform
# tests; alone:
#   ./mvnw -pl e2e-tests verify -Dtest=FaultSuitePlatformTest -Dsurefire.failIfNoSpecifiedTests=false
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${ADUAN_BUILD:-}" != "never" ]]; then
  ./mvnw -q -DskipTests package
fi
exec ./mvnw -pl e2e-tests verify \
  -Dtest=FaultSuitePlatformTest \
  -Dsurefire.failIfNoSpecifiedTests=false \
  -Dreliability.full=true \
  -Dplatform.fork.timeout=3600 \
  -Dreliability.report="$PWD/docs/reliability.md" \
  "$@"
