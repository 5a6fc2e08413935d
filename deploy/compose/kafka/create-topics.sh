#!/usr/bin/env bash
# Creates every Aduan topic and its dead-letter topic on the Compose cluster: replication 3,
# min.insync.replicas=2 (with the producers' acks=all an acknowledged record survives one broker),
# $TOPIC_PARTITIONS partitions (docs/scaling.md). Idempotent: existing topics are left alone.
# The list is contracts' Topics.all(); ComposeFileTest fails when the two differ.
set -euo pipefail
bin=/opt/kafka/bin
partitions=${TOPIC_PARTITIONS:-6}
topics=(
  complaints.inbound.v1 complaints.inbound.v1.dlq
  cases.events.v1 cases.events.v1.dlq
  sla.events.v1 sla.events.v1.dlq
  outbound.whatsapp.v1 outbound.whatsapp.v1.dlq
  outbound.email.v1 outbound.email.v1.dlq
  outbound.lapor.v1 outbound.lapor.v1.dlq
  outbound.social.v1 outbound.social.v1.dlq
  delivery.receipts.v1 delivery.receipts.v1.dlq
)
for topic in "${topics[@]}"; do
  "$bin/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --create --if-not-exists \
    --topic "$topic" --partitions "$partitions" --replication-factor 3 \
    --config min.insync.replicas=2 --config unclean.leader.election.enable=false
done
"$bin/kafka-topics.sh" --bootstrap-server "$BOOTSTRAP" --describe --topics-with-overrides
echo "kafka-topics: ${#topics[@]} topics ready"
