package id.aduan.whatsapp.messaging;

import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.DeadLetter;
import id.aduan.contracts.DeliveryReceipt;
import id.aduan.contracts.Topics;
import id.aduan.messaging.EventPublisher;
import id.aduan.whatsapp.domain.WebhookBatch;
import id.aduan.whatsapp.persistence.ProcessedIds;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * Hands a normalized webhook to Kafka. Each message is published (and waited for) before its {@code
 * wamid} is remembered, so a crash in between can only cause a redelivery, which the case service
 * absorbs; a remembered {@code wamid} is acknowledged without publishing again.
 */
@Component
public class InboundRelay {

  private final EventPublisher publisher;
  private final ProcessedIds processed;
  private final MeterRegistry meters;
  private final Clock clock;

  InboundRelay(
      EventPublisher publisher, ProcessedIds processed, MeterRegistry meters, Clock clock) {
    this.publisher = publisher;
    this.processed = processed;
    this.meters = meters;
    this.clock = clock;
  }

  public void relay(WebhookBatch batch) {
    for (ComplaintReceived message : batch.messages()) {
      if (processed.seen("wamid", message.providerMessageId())) {
        meters
            .counter(
                "aduan.inbound.messages",
                "channel",
                "whatsapp",
                "agency",
                message.agencyCode(),
                "outcome",
                "duplicate")
            .increment();
        continue;
      }
      publisher.publish(
          Topics.COMPLAINTS_INBOUND,
          message.agencyCode() + ":" + message.sender().channelUserId(),
          message,
          message.agencyCode());
      processed.remember("wamid", message.providerMessageId(), clock.instant());
      meters
          .counter(
              "aduan.inbound.messages",
              "channel",
              "whatsapp",
              "agency",
              message.agencyCode(),
              "outcome",
              "published")
          .increment();
    }
    for (DeliveryReceipt receipt : batch.receipts()) {
      String key = receipt.providerMessageId() + "/" + receipt.status();
      if (processed.seen("status", key)) {
        continue;
      }
      publisher.publish(
          Topics.DELIVERY_RECEIPTS, String.valueOf(receipt.providerMessageId()), receipt, null);
      processed.remember("status", key, clock.instant());
    }
    for (WebhookBatch.Rejected rejected : batch.rejected()) {
      DeadLetter dead =
          new DeadLetter(
              UUID.randomUUID().toString(),
              clock.instant(),
              "channel-whatsapp",
              Channel.WHATSAPP,
              rejected.reason(),
              rejected.detail(),
              "application/json",
              Base64.getEncoder().encodeToString(rejected.json().getBytes(StandardCharsets.UTF_8)));
      publisher.deadLetterRecord(
          Topics.dlq(Topics.COMPLAINTS_INBOUND), rejected.reason(), dead, rejected.reason());
    }
  }
}
