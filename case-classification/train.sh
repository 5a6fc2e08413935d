#!/usr/bin/env bash
# Retrains the classification model from the training split of the labelled set, plus any
# arguments (e.g. officers' corrections: --cases cases.json [--events events.jsonl]; see README).
# Writes case-classification/src/main/resources/classification/model.tsv unless --out is given.
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${JAVA_HOME:-}" && -d /usr/lib/jvm/temurin-25-jdk-amd64 ]]; then
  export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
cp_file="$PWD/case-classification/target/classpath.txt"
./mvnw -q -pl case-classification -am compile dependency:build-classpath \
  -Dspotless.check.skip=true -Dmdep.outputFile="$cp_file" -Dmdep.includeScope=runtime
"${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "case-classification/target/classes:$(cat "$cp_file")" \
  id.aduan.classification.TrainingCommand \
  --examples case-classification/src/test/resources/classification/labelled-complaints.tsv "$@"
