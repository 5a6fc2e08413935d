package id.aduan.lapor.messaging;

import id.aduan.contracts.Channel;
import id.aduan.contracts.DeliveryReceipt;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.Topics;
import id.aduan.lapor.client.LaporCallFailedException;
import id.aduan.lapor.domain.LaporGateway;
import id.aduan.lapor.domain.ReplyPlan;
import id.aduan.lapor.domain.StatusTable;
import id.aduan.lapor.persistence.KnownReports;
import id.aduan.support.ProcessedKeys;
import id.aduan.support.messaging.DeferredDeliveries;
import id.aduan.support.messaging.EventPublisher;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.messaging.Message;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.stereotype.Component;

/**
 * {@code reportToLapor}: consumes {@code outbound.lapor.v1} and carries each message to LAPOR! as a
 * follow-up and, where the status table says so, a status change (returning a report that is not
 * the agency's authority). Each step carries an idempotency key LAPOR! honours and is recorded as
 * done only after LAPOR! answered, so neither a redelivery, a retry nor a crash mid-send posts
 * twice or loses a step; steps go in order (the follow-up before the status change).
 *
 * <p>When LAPOR! fails transiently (no answer, 5xx, 429, an open circuit) the message is kept in
 * {@code outbound_deferred} and the consumer returns, so the partition goes on; {@link #sendDue}
 * (run by {@code scheduling.SendDeferredLapor}) tries the remaining steps again after a jittered,
 * doubling backoff until {@code aduan.outbound.retry.give-up-after}, then dead-letters the message
 * ({@code RETRIES_EXHAUSTED}). Any other 4xx is a FAILED receipt and a dead letter {@code
 * PROVIDER_REFUSED} (docs/adr/0041).
 */
@Component("reportToLapor")
public class ReportToLapor implements Consumer<Message<byte[]>> {

  private final LaporGateway lapor;
  private final StatusTable statuses;
  private final KnownReports knownReports;
  private final ProcessedKeys processed;
  private final EventPublisher publisher;
  private final MeterRegistry meters;
  private final Clock clock;
  private final DeferredDeliveries deferred;

  ReportToLapor(
      LaporGateway lapor,
      StatusTable statuses,
      KnownReports knownReports,
      @Qualifier("stepKeys") ProcessedKeys processed,
      EventPublisher publisher,
      MeterRegistry meters,
      Clock clock,
      DeferredDeliveries deferred) {
    this.deferred = deferred;
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
    if (deferred.holds(outbound.eventId())) {
      // Kept for a later attempt after a transient failure: that attempt sends it.
      count(outbound, "duplicate");
      return;
    }
    deliver(outbound, plan, message.getPayload(), null);
  }

  /**
   * Tries again the messages whose next attempt has come, at most {@code limit}, each under a
   * lease; steps LAPOR! already took are skipped by their keys.
   *
   * @return how many were tried
   */
  public int sendDue(int limit) {
    return deferred.attemptDue(
        limit,
        Topics.dlq(Topics.OUTBOUND_LAPOR),
        OutboundMessage.class,
        (outbound, due) -> {
          String trackingId = trackingIdOf(outbound);
          if (trackingId == null) {
            // It had one when it was kept; only a changed contract gets here.
            throw new IllegalStateException("a kept LAPOR! message names no report");
          }
          deliver(outbound, ReplyPlan.of(outbound, trackingId, statuses), due.payload(), due);
        });
  }

  /** Runs the plan's steps not done yet; {@code due}: the kept message's claim (null: topic). */
  private void deliver(
      OutboundMessage outbound,
      ReplyPlan plan,
      byte[] payload,
      DeferredDeliveries.@Nullable Due due) {
    String trackingId = plan.trackingId();
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
        // Not done: a later attempt (kept here, the binder's retry or a redelivery) tries again
        // with the same key.
        if (step instanceof ReplyPlan.StatusChange) {
          knownReports.restoreStatus(trackingId, knownBefore);
        }
        count(outbound, "error");
        if (e instanceof LaporCallFailedException call) {
          if (call.isTransient()) {
            retryLater(outbound, payload, due, call);
          } else {
            refused(outbound, payload, due, call);
          }
          return;
        }
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
      receipt(outbound, followUpId, DeliveryReceipt.Status.SENT, null, null);
    }
    deferred.finished(due);
  }

  /** LAPOR! may take it later: kept for the next attempt, or given up after long. */
  private void retryLater(
      OutboundMessage outbound,
      byte[] payload,
      DeferredDeliveries.@Nullable Due due,
      LaporCallFailedException e) {
    if (deferred.failed(outbound.eventId(), payload, due, "lapor", outbound.agencyCode())
        == DeferredDeliveries.Outcome.GIVEN_UP) {
      failed(outbound, "RETRIES_EXHAUSTED", "LAPOR! failed transiently for too long");
      deferred.deadLetterGivenUp(
          Topics.dlq(Topics.OUTBOUND_LAPOR), payload, due, String.valueOf(e.getMessage()));
      count(outbound, "retries_exhausted");
    }
  }

  /** The request itself is wrong: no attempt can help. */
  private void refused(
      OutboundMessage outbound,
      byte[] payload,
      DeferredDeliveries.@Nullable Due due,
      LaporCallFailedException e) {
    failed(outbound, "PROVIDER_REFUSED", "LAPOR! refused the message");
    publisher.deadLetter(
        Topics.dlq(Topics.OUTBOUND_LAPOR),
        MessageBuilder.withPayload(payload).build(),
        "PROVIDER_REFUSED",
        String.valueOf(e.getMessage()));
    count(outbound, "failed");
    deferred.finished(due);
  }

  private void failed(OutboundMessage outbound, String code, String detail) {
    receipt(outbound, null, DeliveryReceipt.Status.FAILED, code, detail);
  }

  private void receipt(
      OutboundMessage outbound,
      @Nullable String providerMessageId,
      DeliveryReceipt.Status status,
      @Nullable String code,
      @Nullable String detail) {
    publisher.publish(
        Topics.DELIVERY_RECEIPTS,
        outbound.eventId(),
        new DeliveryReceipt(
            UUID.randomUUID().toString(),
            clock.instant(),
            Channel.LAPOR,
            outbound.agencyCode(),
            outbound.eventId(),
            providerMessageId,
            status,
            code,
            detail,
            clock.instant()),
        outbound.ticket());
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
