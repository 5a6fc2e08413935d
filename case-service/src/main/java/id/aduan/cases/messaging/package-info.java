/** Kafka: opening cases from complaints, recording communications and deadlines, the outbox. */
@NullMarked
package id.aduan.cases.messaging;

import org.jspecify.annotations.NullMarked;
