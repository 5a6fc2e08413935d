package id.aduan.whatsapp.messaging;

import id.aduan.contracts.Channel;
import id.aduan.contracts.DeliveryReceipt;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.Topics;
import id.aduan.messaging.EventPublisher;
import id.aduan.whatsapp.client.GraphApiClient;
import id.aduan.whatsapp.persistence.ProcessedIds;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * {@code deliverWhatsApp}: consumes {@code outbound.whatsapp.v1} and sends each message through the
 * Graph API, once. The message id is claimed before the call, so a redelivery never sends twice;
 * the outcome goes to {@code delivery.receipts.v1}.
 */
@Component("deliverWhatsApp")
class DeliverWhatsApp implements Consumer<Message<byte[]>> {

  private final GraphApiClient graph;
  private final ProcessedIds processed;
  private final EventPublisher publisher;
  private final MeterRegistry meters;
  private final Clock clock;

  DeliverWhatsApp(
      GraphApiClient graph,
      ProcessedIds processed,
      EventPublisher publisher,
      MeterRegistry meters,
      Clock clock) {
    this.graph = graph;
    this.processed = processed;
    this.publisher = publisher;
    this.meters = meters;
    this.clock = clock;
  }

  @Override
  public void accept(Message<byte[]> message) {
    Object read =
        publisher
            .readOrDeadLetter(message, Topics.OUTBOUND_WHATSAPP, OutboundMessage.class)
            .orElse(null);
    if (read == null) {
      return;
    }
    if (!(read instanceof OutboundMessage outbound)) {
      publisher.deadLetter(
          Topics.dlq(Topics.OUTBOUND_WHATSAPP),
          message,
          "WRONG_TYPE",
          read.getClass().getSimpleName() + " is not an outbound message");
      return;
    }
    if (!processed.remember("outbound", outbound.eventId(), clock.instant())) {
      meters
          .counter("aduan.outbound.messages", "channel", "whatsapp", "outcome", "duplicate")
          .increment();
      return;
    }
    String wamid;
    try {
      wamid =
          graph.sendText(
              outbound.to().channelAccountId(),
              outbound.to().recipientId(),
              outbound.text(),
              outbound.replyToProviderMessageId());
    } catch (RuntimeException e) {
      // Not sent: release the claim so the binder's retry can try again.
      processed.forget("outbound", outbound.eventId());
      meters
          .counter("aduan.outbound.messages", "channel", "whatsapp", "outcome", "error")
          .increment();
      throw e;
    }
    meters.counter("aduan.outbound.messages", "channel", "whatsapp", "outcome", "sent").increment();
    publisher.publish(
        Topics.DELIVERY_RECEIPTS,
        outbound.eventId(),
        new DeliveryReceipt(
            UUID.randomUUID().toString(),
            clock.instant(),
            Channel.WHATSAPP,
            outbound.agencyCode(),
            outbound.eventId(),
            wamid,
            DeliveryReceipt.Status.SENT,
            null,
            null,
            clock.instant()),
        outbound.ticket());
  }
}
