/** Kafka side: publishing what the mailboxes hold, and the outbound.email.v1 consumer. */
@NullMarked
package id.aduan.email.messaging;

import org.jspecify.annotations.NullMarked;
