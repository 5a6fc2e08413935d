package id.aduan.lapor.messaging;

import id.aduan.contracts.Channel;
import id.aduan.contracts.DeliveryReceipt;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.Topics;
import id.aduan.lapor.domain.LaporGateway;
import id.aduan.lapor.domain.ReplyPlan;
import id.aduan.lapor.domain.StatusTable;
import id.aduan.lapor.persistence.KnownReports;
import id.aduan.support.ProcessedKeys;
import id.aduan.support.messaging.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * {@code reportToLapor}: consumes {@code outbound.lapor.v1} and carries each message to LAPOR! as a
 * follow-up and, where the status table says so, a status change (returning a report that is not
 * the agency's authority). Each step carries an idempotency key LAPOR! honours and is recorded as
 * done only after LAPOR! answered, so neither a redelivery, a retry nor a crash mid-send posts
 * twice or loses a step; steps go in order (the follow-up before the status change).
 */
@Component("reportToLapor")
class ReportToLapor implements Consumer<Message<byte[]>> {

  private final LaporGateway lapor;
  private final StatusTable statuses;
  private final KnownReports knownReports;
  private final ProcessedKeys processed;
  private final EventPublisher publisher;
  private final MeterRegistry meters;
  private final Clock clock;

  ReportToLapor(
      LaporGateway lapor,
      StatusTable statuses,
      KnownReports knownReports,
      @Qualifier("stepKeys") ProcessedKeys processed,
      EventPublisher publisher,
      MeterRegistry meters,
      Clock clock) {
    this.lapor = lapor;
    this.statuses = statuses;
    this.knownReports = knownReports;
    this.processed = processed;
    this.publisher = publisher;
    this.meters = meters;
    this.clock = clock;
  }

  @Override
  public void accept(Message<byte[]> message) {
    OutboundMessage outbound =
        publisher
            .readAsOrDeadLetter(message, Topics.OUTBOUND_LAPOR, OutboundMessage.class)
            .orElse(null);
    if (outbound == null) {
      return;
    }
    if (outbound.to().channel() != Channel.LAPOR) {
      publisher.deadLetter(
          Topics.dlq(Topics.OUTBOUND_LAPOR),
          message,
          "NOT_LAPOR",
          "the message is addressed to " + outbound.to().channel() + ", not LAPOR!");
      return;
    }
    String trackingId = trackingIdOf(outbound);
    if (trackingId == null) {
      publisher.deadLetter(
          Topics.dlq(Topics.OUTBOUND_LAPOR),
          message,
          "NO_TRACKING_ID",
          "neither the recipient nor the message replied to names a LAPOR! report");
      return;
    }
    ReplyPlan plan = ReplyPlan.of(outbound, trackingId, statuses);
    if (plan.steps().isEmpty()) {
      publisher.deadLetter(
          Topics.dlq(Topics.OUTBOUND_LAPOR), message, "EMPTY", "no text and no status to send");
      return;
    }
    @Nullable String followUpId = null;
    boolean didSomething = false;
    for (ReplyPlan.Step step : plan.steps()) {
      if (processed.seen("step", step.idempotencyKey())) {
        count(outbound, "duplicate");
        continue;
      }
      String knownBefore =
          step instanceof ReplyPlan.StatusChange change
              ? knownReports.ownStatus(trackingId, change.status(), clock.instant())
              : null;
      try {
        switch (step) {
          case ReplyPlan.FollowUp(String key, String text) ->
              followUpId = lapor.postFollowUp(plan.trackingId(), text, List.of(), key);
          case ReplyPlan.StatusChange(String key, String status, String note) ->
              lapor.changeStatus(plan.trackingId(), status, note, key);
        }
      } catch (RuntimeException e) {
        // Not done: the binder's retry (or a redelivery) tries again with the same key.
        if (step instanceof ReplyPlan.StatusChange) {
          knownReports.restoreStatus(trackingId, knownBefore);
        }
        count(outbound, "error");
        throw e;
      }
      // Claimed only once LAPOR! took it: a crash between the call and this line repeats the call
      // on redelivery with the same Idempotency-Key, which LAPOR! answers with the first result
      // and posts nothing. Claiming first would lose the step in that crash.
      processed.remember("step", step.idempotencyKey(), clock.instant());
      didSomething = true;
      count(outbound, step instanceof ReplyPlan.FollowUp ? "follow_up" : "status_change");
    }
    if (didSomething) {
      publisher.publish(
          Topics.DELIVERY_RECEIPTS,
          outbound.eventId(),
          new DeliveryReceipt(
              UUID.randomUUID().toString(),
              clock.instant(),
              Channel.LAPOR,
              outbound.agencyCode(),
              outbound.eventId(),
              followUpId,
              DeliveryReceipt.Status.SENT,
              null,
              null,
              clock.instant()),
          outbound.ticket());
    }
  }

  /**
   * The report to answer. Every provider id this adapter publishes names its report ({@code
   * <tracking id>}, {@code <tracking id>/v<n>} or {@code <tracking id>/attachment/<id>}), so the
   * message replied to is the surest guide; without one, the recipient, which the case service sets
   * to the tracking id for a LAPOR! case (ReplyAddress).
   */
  private @Nullable String trackingIdOf(OutboundMessage outbound) {
    String replied = outbound.replyToProviderMessageId();
    if (replied != null && !replied.isBlank()) {
      return ReplyPlan.trackingIdOf(replied);
    }
    String recipient = outbound.to().recipientId();
    return recipient.isBlank() ? null : recipient;
  }

  private void count(OutboundMessage outbound, String outcome) {
    meters
        .counter(
            "aduan.outbound.messages",
            "channel",
            "lapor",
            "agency",
            outbound.agencyCode(),
            "outcome",
            outcome)
        .increment();
  }
}
