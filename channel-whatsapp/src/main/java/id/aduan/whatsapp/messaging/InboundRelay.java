package id.aduan.whatsapp.messaging;

import id.aduan.contracts.Channel;
import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.DeadLetter;
import id.aduan.contracts.DeliveryReceipt;
import id.aduan.contracts.Topics;
import id.aduan.support.messaging.EventPublisher;
import id.aduan.whatsapp.domain.DeliveryStates;
import id.aduan.whatsapp.domain.WebhookBatch;
import id.aduan.whatsapp.persistence.CustomerWindows;
import id.aduan.whatsapp.persistence.MessageStatuses;
import id.aduan.whatsapp.persistence.ProcessedIds;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.stereotype.Component;

/**
 * Hands a normalized webhook to Kafka. Each message is published (and acknowledged by Kafka) before
 * its {@code wamid} is remembered, so a crash in between can only cause a redelivery, which the
 * case service absorbs; a remembered {@code wamid} is acknowledged without publishing again. Media
 * is fetched before the message is published; a failed download is recorded on the attachment and
 * never holds back the text. Statuses pass the monotonic state machine and the {@code (wamid,
 * status)} dedup before they become receipts.
 */
@Component
public class InboundRelay {

  private final EventPublisher publisher;
  private final InboundPublisher inbound;
  private final ProcessedIds processed;
  private final MessageStatuses statuses;
  private final CustomerWindows windows;
  private final MediaFetcher mediaFetcher;
  private final MeterRegistry meters;
  private final Clock clock;

  InboundRelay(
      EventPublisher publisher,
      InboundPublisher inbound,
      ProcessedIds processed,
      MessageStatuses statuses,
      CustomerWindows windows,
      MediaFetcher mediaFetcher,
      MeterRegistry meters,
      Clock clock) {
    this.publisher = publisher;
    this.inbound = inbound;
    this.processed = processed;
    this.statuses = statuses;
    this.windows = windows;
    this.mediaFetcher = mediaFetcher;
    this.meters = meters;
    this.clock = clock;
  }

  /**
   * Publishes the batch. Messages go out without holding the caller's thread; the future completes
   * when Kafka acknowledged every one of them (and fails with {@link
   * InboundPublisher.NotAcknowledgedException} otherwise). Statuses and dead letters, rare and
   * ordered, are published before this returns.
   */
  public CompletableFuture<Void> relay(WebhookBatch batch) {
    List<CompletableFuture<Void>> published = new ArrayList<>(batch.messages().size());
    for (ComplaintReceived message : batch.messages()) {
      published.add(relayMessage(message, batch.mediaOf(message.providerMessageId())));
    }
    for (DeliveryReceipt receipt : DeliveryStates.inProviderOrder(batch.receipts())) {
      relayReceipt(receipt);
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
      count("unknown", rejected.reason().toLowerCase(java.util.Locale.ROOT));
    }
    return published.size() == 1
        ? published.getFirst()
        : CompletableFuture.allOf(published.toArray(CompletableFuture[]::new));
  }

  private CompletableFuture<Void> relayMessage(
      ComplaintReceived message, List<WebhookBatch.MediaRef> media) {
    // The window opens with every message, also a redelivered one; $max keeps it monotonic.
    windows.recordInbound(
        message.channelAccountId(), message.sender().channelUserId(), message.receivedAt());
    String key = message.agencyCode() + ":" + message.sender().channelUserId();
    if (media.isEmpty()) {
      // The common case, a text: built here, then the dedup lookup (answered together with those
      // of concurrent webhooks) and the send complete without holding this thread.
      ProducerRecord<byte[], byte[]> record =
          inbound.prepare(Topics.COMPLAINTS_INBOUND, key, message, message.agencyCode());
      return processed
          .seenSoon("wamid", message.providerMessageId())
          .thenCompose(
              seen -> seen ? duplicate(message) : inbound.send(record).thenRun(published(message)));
    }
    if (processed.seen("wamid", message.providerMessageId())) {
      return duplicate(message);
    }
    List<ComplaintReceived.Attachment> attachments = new ArrayList<>();
    for (WebhookBatch.MediaRef ref : media) {
      attachments.add(mediaFetcher.fetch(message, ref));
    }
    return inbound
        .publish(
            Topics.COMPLAINTS_INBOUND,
            key,
            withAttachments(message, attachments),
            message.agencyCode())
        .thenRun(published(message));
  }

  private CompletableFuture<Void> duplicate(ComplaintReceived message) {
    count(message, "duplicate");
    return CompletableFuture.completedFuture(null);
  }

  /** Only after Kafka acknowledged: a 503 leaves the wamid free for the provider's retry. */
  private Runnable published(ComplaintReceived message) {
    return () -> {
      processed.rememberSoon("wamid", message.providerMessageId(), clock.instant());
      count(message, "published");
    };
  }

  private void relayReceipt(DeliveryReceipt receipt) {
    String wamid = String.valueOf(receipt.providerMessageId());
    String key = wamid + "/" + receipt.status();
    if (processed.seen("status", key)) {
      countReceipt(receipt, "duplicate");
      return;
    }
    // Bounded: two webhooks racing on one wamid settle within a few reads.
    for (int attempt = 0; attempt < 5; attempt++) {
      DeliveryStates.State current = statuses.current(wamid);
      if (!DeliveryStates.advances(current, receipt.status())) {
        processed.remember("status", key, clock.instant());
        countReceipt(receipt, "stale");
        return;
      }
      String outboundEventId = statuses.outboundEventOf(wamid);
      DeliveryReceipt linked =
          outboundEventId == null ? receipt : withOutbound(receipt, outboundEventId);
      // Keyed like the receipts of sends (by outbound message id) so they stay in order.
      publisher.publish(
          Topics.DELIVERY_RECEIPTS,
          outboundEventId == null ? wamid : outboundEventId,
          linked,
          null);
      if (statuses.move(
          wamid, current, receipt.status(), receipt.providerTime(), clock.instant())) {
        processed.remember("status", key, clock.instant());
        countReceipt(receipt, "published");
        return;
      }
    }
    countReceipt(receipt, "contended");
  }

  private static DeliveryReceipt withOutbound(DeliveryReceipt r, String outboundEventId) {
    return new DeliveryReceipt(
        r.eventId(),
        r.occurredAt(),
        r.channel(),
        r.agencyCode(),
        outboundEventId,
        r.providerMessageId(),
        r.status(),
        r.errorCode(),
        r.errorMessage(),
        r.providerTime());
  }

  private static ComplaintReceived withAttachments(
      ComplaintReceived m, List<ComplaintReceived.Attachment> attachments) {
    return new ComplaintReceived(
        m.eventId(),
        m.occurredAt(),
        m.agencyCode(),
        m.channel(),
        m.channelAccountId(),
        m.providerMessageId(),
        m.sender(),
        m.messageType(),
        m.subject(),
        m.text(),
        attachments,
        m.location(),
        m.inReplyTo(),
        m.references(),
        m.receivedAt(),
        m.metadata(),
        m.ticket());
  }

  private void count(ComplaintReceived message, String outcome) {
    count(message.agencyCode(), outcome);
  }

  private void count(String agency, String outcome) {
    meters
        .counter(
            "aduan.inbound.messages", "channel", "whatsapp", "agency", agency, "outcome", outcome)
        .increment();
  }

  private void countReceipt(DeliveryReceipt receipt, String outcome) {
    meters
        .counter(
            "aduan.inbound.receipts",
            "channel",
            "whatsapp",
            "agency",
            receipt.agencyCode(),
            "outcome",
            outcome)
        .increment();
  }
}
