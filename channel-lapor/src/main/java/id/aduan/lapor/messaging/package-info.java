/** Kafka: intake of polled reports and the outbound.lapor.v1 consumer. */
@NullMarked
package id.aduan.lapor.messaging;

import org.jspecify.annotations.NullMarked;
