package id.aduan.social.messaging;

import id.aduan.contracts.Channel;
import id.aduan.contracts.DeliveryReceipt;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.Topics;
import id.aduan.social.client.GraphCallFailedException;
import id.aduan.social.client.GraphClient;
import id.aduan.social.domain.SendWindow;
import id.aduan.social.persistence.Conversations;
import id.aduan.social.persistence.SentMessages;
import id.aduan.support.ProcessedKeys;
import id.aduan.support.messaging.DeferredDeliveries;
import id.aduan.support.messaging.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * {@code deliverSocial}: consumes {@code outbound.social.v1} and sends each message through the
 * Send API, once, inside Meta's window (standard reply within 24 hours, {@code HUMAN_AGENT} tag up
 * to 7 days). Outside it nothing is sent and a FAILED receipt tells the officer why.
 *
 * <p>A transient failure (no answer, 5xx, 429, Meta's temporary and rate-limit codes) keeps the
 * message in {@code outbound_deferred} and returns, so the partition goes on; {@link #sendDue} (run
 * by {@code scheduling.SendDeferredSocial}) tries it again after a jittered, doubling backoff until
 * {@code aduan.outbound.retry.give-up-after}, then dead-letters it ({@code RETRIES_EXHAUSTED}). A
 * permanent refusal (any other 4xx) is a FAILED receipt and a dead letter {@code PROVIDER_REFUSED}
 * (docs/adr/0041).
 */
@Component("deliverSocial")
public class DeliverSocial implements Consumer<Message<byte[]>> {

  private final GraphClient graph;
  private final ProcessedKeys processed;
  private final Conversations conversations;
  private final SentMessages sent;
  private final EventPublisher publisher;
  private final MeterRegistry meters;
  private final Clock clock;
  private final DeferredDeliveries deferred;

  DeliverSocial(
      GraphClient graph,
      ProcessedKeys processed,
      Conversations conversations,
      SentMessages sent,
      EventPublisher publisher,
      MeterRegistry meters,
      Clock clock,
      DeferredDeliveries deferred) {
    this.deferred = deferred;
    this.graph = graph;
    this.processed = processed;
    this.conversations = conversations;
    this.sent = sent;
    this.publisher = publisher;
    this.meters = meters;
    this.clock = clock;
  }

  @Override
  public void accept(Message<byte[]> message) {
    OutboundMessage outbound =
        publisher
            .readAsOrDeadLetter(message, Topics.OUTBOUND_SOCIAL, OutboundMessage.class)
            .orElse(null);
    if (outbound == null) {
      return;
    }
    Channel channel = outbound.to().channel();
    if (channel != Channel.FACEBOOK && channel != Channel.INSTAGRAM) {
      publisher.deadLetter(
          Topics.dlq(Topics.OUTBOUND_SOCIAL),
          message,
          "NOT_SOCIAL",
          "the message is addressed to " + channel + ", not Facebook or Instagram");
      return;
    }
    if (deferred.holds(outbound.eventId())
        || !processed.remember("outbound", outbound.eventId(), clock.instant())) {
      count(channel, outbound, "duplicate");
      return;
    }
    deliver(outbound, channel, message.getPayload(), null);
  }

  /**
   * Tries again the messages whose next attempt has come, at most {@code limit}, each under a
   * lease.
   *
   * @return how many were tried
   */
  public int sendDue(int limit) {
    return deferred.attemptDue(
        limit,
        Topics.dlq(Topics.OUTBOUND_SOCIAL),
        OutboundMessage.class,
        (outbound, due) -> deliver(outbound, outbound.to().channel(), due.payload(), due));
  }

  /** Sends once; {@code due} is the kept message's claim (null: straight from the topic). */
  private void deliver(
      OutboundMessage outbound,
      Channel channel,
      byte[] payload,
      DeferredDeliveries.@Nullable Due due) {
    Instant now = clock.instant();
    SendWindow.Decision decision =
        SendWindow.decide(
            conversations.lastInboundAt(
                channel, outbound.to().channelAccountId(), outbound.to().recipientId()),
            now,
            outbound.automatic());
    if (decision instanceof SendWindow.Closed(String code, String reason)) {
      count(channel, outbound, code.toLowerCase(java.util.Locale.ROOT));
      receipt(outbound, channel, null, DeliveryReceipt.Status.FAILED, code, reason);
      deferred.finished(due);
      return;
    }
    String tag = decision instanceof SendWindow.HumanAgent ? "HUMAN_AGENT" : null;
    String mid;
    try {
      mid =
          graph.sendText(
              outbound.to().channelAccountId(), outbound.to().recipientId(), outbound.text(), tag);
    } catch (GraphCallFailedException e) {
      count(channel, outbound, "error");
      if (e.isTransient()) {
        retryLater(outbound, channel, payload, due, e);
      } else {
        refused(outbound, channel, payload, due, e);
      }
      return;
    } catch (RuntimeException e) {
      if (due == null) {
        // Not sent: release the claim so the binder's retry can try again.
        processed.forget("outbound", outbound.eventId());
      }
      count(channel, outbound, "error");
      throw e;
    }
    sent.sent(
        mid,
        outbound.eventId(),
        sent.conversation(
            channel.name(), outbound.to().channelAccountId(), outbound.to().recipientId()),
        now);
    count(channel, outbound, tag == null ? "sent" : "sent_human_agent");
    receipt(outbound, channel, mid, DeliveryReceipt.Status.SENT, null, null);
    deferred.finished(due);
  }

  /** The provider may accept it later: kept for the next attempt, or given up after long. */
  private void retryLater(
      OutboundMessage outbound,
      Channel channel,
      byte[] payload,
      DeferredDeliveries.@Nullable Due due,
      GraphCallFailedException e) {
    String channelTag = SocialRelay.channelTag(channel);
    DeferredDeliveries.Outcome outcome;
    try {
      outcome =
          deferred.failed(outbound.eventId(), payload, due, channelTag, outbound.agencyCode());
    } catch (RuntimeException notKept) {
      if (due == null) {
        // Not kept (the store failed too): the record comes again, and must not find it claimed.
        processed.forget("outbound", outbound.eventId());
      }
      throw notKept;
    }
    if (outcome == DeferredDeliveries.Outcome.GIVEN_UP) {
      receipt(outbound, channel, null, DeliveryReceipt.Status.FAILED, "RETRIES_EXHAUSTED", null);
      deferred.deadLetterGivenUp(
          Topics.dlq(Topics.OUTBOUND_SOCIAL), payload, due, String.valueOf(e.getMessage()));
      count(channel, outbound, "retries_exhausted");
    }
  }

  /** The request itself is wrong: no attempt can help. */
  private void refused(
      OutboundMessage outbound,
      Channel channel,
      byte[] payload,
      DeferredDeliveries.@Nullable Due due,
      GraphCallFailedException e) {
    receipt(
        outbound,
        channel,
        null,
        DeliveryReceipt.Status.FAILED,
        "PROVIDER_REFUSED",
        "the Send API refused the message");
    publisher.deadLetter(
        Topics.dlq(Topics.OUTBOUND_SOCIAL),
        MessageBuilder.withPayload(payload).build(),
        "PROVIDER_REFUSED",
        String.valueOf(e.getMessage()));
    count(channel, outbound, "failed");
    deferred.finished(due);
  }

  private void receipt(
      OutboundMessage outbound,
      Channel channel,
      @Nullable String mid,
      DeliveryReceipt.Status status,
      @Nullable String code,
      @Nullable String reason) {
    publisher.publish(
        Topics.DELIVERY_RECEIPTS,
        outbound.eventId(),
        new DeliveryReceipt(
            UUID.randomUUID().toString(),
            clock.instant(),
            channel,
            outbound.agencyCode(),
            outbound.eventId(),
            mid,
            status,
            code,
            reason,
            clock.instant()),
        outbound.ticket());
  }

  private void count(Channel channel, OutboundMessage outbound, String outcome) {
    meters
        .counter(
            "aduan.outbound.messages",
            "channel",
            SocialRelay.channelTag(channel),
            "agency",
            outbound.agencyCode(),
            "outcome",
            outcome)
        .increment();
  }
}
