/**
 * What the service does with an event, a receipt or a timer, on the ports of its stores and its
 * outbound queue: Kafka and MongoDB stay behind them, so these rules run in tests on plain memory.
 */
@NullMarked
package id.aduan.notification.application;

import org.jspecify.annotations.NullMarked;
