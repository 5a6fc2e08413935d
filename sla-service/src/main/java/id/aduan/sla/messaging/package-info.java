/** Kafka: keeping each case's clocks in step with the events of the case. */
@NullMarked
package id.aduan.sla.messaging;

import org.jspecify.annotations.NullMarked;
