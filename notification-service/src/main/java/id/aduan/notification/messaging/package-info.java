/** Kafka: notices from case and deadline events, delivery receipts, citizen messages, dispatch. */
@NullMarked
package id.aduan.notification.messaging;

import org.jspecify.annotations.NullMarked;
