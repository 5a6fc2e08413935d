package id.aduan.notification.application;

import id.aduan.agency.Agency;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.DeliveryReceipt;
import id.aduan.contracts.SlaEvent;
import id.aduan.notification.domain.CaseView;
import id.aduan.notification.domain.Decisions;
import id.aduan.notification.domain.Notice;
import id.aduan.notification.persistence.Attempts;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.springframework.stereotype.Component;

/**
 * What a case event, an SLA event or a delivery receipt changes, once the consumer has read it and
 * found its agency: the read model and the citizen's last message first, then (unless the event is
 * stale, {@link Freshness}) what {@link Decisions} decides, carried out by {@link Dispatch}.
 */
@Component
public class Notify {

  private final CaseViewStore cases;
  private final WindowStore windows;
  private final AttemptStore attempts;
  private final Dispatch dispatch;
  private final Freshness freshness;
  private final MeterRegistry meters;

  Notify(
      CaseViewStore cases,
      WindowStore windows,
      AttemptStore attempts,
      Dispatch dispatch,
      Freshness freshness,
      MeterRegistry meters) {
    this.cases = cases;
    this.windows = windows;
    this.attempts = attempts;
    this.dispatch = dispatch;
    this.freshness = freshness;
    this.meters = meters;
  }

  /** A case event of {@code topic} for a configured agency. */
  public void onCase(CaseEvent event, Agency agency, String topic) {
    // The read model as it is after the event, from the write itself (no re-read, issue 20).
    // A status answer changes no case (docs/adr/0053): the read model is only read, if any.
    CaseView view =
        event instanceof CaseEvent.CaseStatusRequested
            ? cases.byId(event.caseId()).orElse(null)
            : cases.apply(event);
    // The citizen's window as it is after their message: the decision below needs no read of it.
    Dispatch.Window window =
        switch (event) {
          case CaseEvent.CaseOpened e when e.replyAddress() != null ->
              new Dispatch.Window(
                  e.replyAddress(), windows.touch(e.replyAddress(), e.receivedAt()));
          case CaseEvent.CitizenMessageAdded e when e.replyAddress() != null ->
              new Dispatch.Window(
                  e.replyAddress(), windows.touch(e.replyAddress(), e.receivedAt()));
          case CaseEvent.CaseStatusRequested e ->
              new Dispatch.Window(
                  e.replyAddress(), windows.touch(e.replyAddress(), e.receivedAt()));
          default -> null;
        };
    boolean stale = freshness.stale(event.occurredAt(), topic);
    String language =
        event instanceof CaseEvent.CaseOpened o
            ? o.language()
            : event instanceof CaseEvent.CaseStatusRequested q
                ? q.language()
                : view != null ? view.language() : agency.language();
    // A new case and what its intake check asked for at the same moment: one message.
    List<Notice> notices =
        event instanceof CaseEvent.CaseOpened opened
            ? Decisions.forOpening(opened, view, agency)
            : Decisions.forCase(event, view, agency);
    if (stale) {
      // Old news stays quiet, but not the outcome the citizen never heard (docs/adr/0038).
      notices = freshness.stillDue(event, view, notices);
    }
    for (Notice notice : notices) {
      dispatch.dispatch(
          event.eventId(),
          notice,
          new Dispatch.About(
              event.caseId(),
              event.ticket(),
              notice.audience() == Notice.Audience.STAFF ? agency.language() : language,
              view,
              window),
          agency);
    }
  }

  /** An SLA event of {@code topic} for a configured agency. */
  public void onSla(SlaEvent event, Agency agency, String topic) {
    CaseView view = cases.apply(event);
    if (freshness.stale(event.occurredAt(), topic)) {
      return;
    }
    for (Notice notice : Decisions.forSla(event, view, agency)) {
      dispatch.dispatch(
          event.eventId(),
          notice,
          new Dispatch.About(event.caseId(), event.ticket(), agency.language(), view),
          agency);
    }
  }

  /**
   * A delivery receipt: recorded on its attempt when the message is ours (counted either way); a
   * FAILED one hands the message to the next channel or the officer, once per attempt.
   */
  public void onReceipt(DeliveryReceipt receipt, Function<String, Optional<Agency>> agencies) {
    boolean ours =
        receipt.outboundEventId() != null
            && attempts
                .receipt(
                    receipt.outboundEventId(),
                    new Attempts.Receipt(
                        receipt.status().name(), receipt.providerTime(), receipt.errorCode()))
                .isPresent();
    meters
        .counter(
            "aduan.notification.receipts",
            "channel",
            receipt.channel().name().toLowerCase(Locale.ROOT),
            "status",
            receipt.status().name().toLowerCase(Locale.ROOT),
            "outcome",
            ours ? "recorded" : "not_ours")
        .increment();
    if (ours && receipt.status() == DeliveryReceipt.Status.FAILED) {
      dispatch.failed(receipt.outboundEventId(), agencies);
    }
  }
}
