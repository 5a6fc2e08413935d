#!/usr/bin/env bash
# Times the classification of one complaint (see docs/benchmarks.md, "Complaint classification").
# Usage: case-classification/bench.sh [seconds=10]
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
cp_file="$PWD/case-classification/target/test-classpath.txt"
./mvnw -q -pl case-classification -am test-compile dependency:build-classpath \
  -Dspotless.check.skip=true -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=test
uptime
"${JAVA_HOME:+$JAVA_HOME/bin/}java" \
  -cp "case-classification/target/test-classes:case-classification/target/classes:$(cat "$cp_file")" \
  id.aduan.classification.ClassificationBench "${1:-10}"
