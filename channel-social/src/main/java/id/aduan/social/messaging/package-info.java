/** Kafka: relaying webhooks to complaints and receipts, and the outbound.social.v1 consumer. */
@NullMarked
package id.aduan.social.messaging;

import org.jspecify.annotations.NullMarked;
