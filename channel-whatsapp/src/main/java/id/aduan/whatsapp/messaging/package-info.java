/** Kafka: relaying webhooks to complaints and receipts, media fetching, the outbound consumer. */
@NullMarked
package id.aduan.whatsapp.messaging;

import org.jspecify.annotations.NullMarked;
