package id.aduan.contracts;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What happened to an {@link OutboundMessage}, on {@link Topics#DELIVERY_RECEIPTS}, keyed by the
 * outbound message id. Statuses only move forward: SENT, DELIVERED, READ; FAILED is final.
 *
 * @param outboundEventId the {@link OutboundMessage#eventId()} this is about, when known
 * @param providerTime when the provider says it happened (orders late receipts)
 */
public record DeliveryReceipt(
    String eventId,
    Instant occurredAt,
    Channel channel,
    String agencyCode,
    @Nullable String outboundEventId,
    @Nullable String providerMessageId,
    Status status,
    @Nullable String errorCode,
    @Personal @Nullable String errorMessage,
    Instant providerTime) {

  public enum Status {
    SENT,
    DELIVERED,
    READ,
    FAILED
  }
}
