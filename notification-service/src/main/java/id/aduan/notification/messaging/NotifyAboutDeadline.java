package id.aduan.notification.messaging;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.SlaEvent;
import id.aduan.contracts.Topics;
import id.aduan.messaging.EventPublisher;
import id.aduan.notification.domain.CaseView;
import id.aduan.notification.domain.Decisions;
import id.aduan.notification.domain.Notice;
import id.aduan.notification.persistence.CaseViews;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * {@code notifyAboutDeadline}: consumes {@code sla.events.v1}; keeps deadlines and lateness in the
 * read model (for the digest) and alerts officers on warnings, coordinators and heads on breaches
 * and escalations ({@link Decisions#forSla}).
 */
@Component("notifyAboutDeadline")
class NotifyAboutDeadline implements Consumer<Message<byte[]>> {

  private final AgencyCatalog agencies;
  private final CaseViews cases;
  private final Dispatch dispatch;
  private final EventPublisher publisher;
  private final Freshness freshness;

  NotifyAboutDeadline(
      AgencyCatalog agencies,
      CaseViews cases,
      Dispatch dispatch,
      EventPublisher publisher,
      Freshness freshness) {
    this.agencies = agencies;
    this.cases = cases;
    this.dispatch = dispatch;
    this.publisher = publisher;
    this.freshness = freshness;
  }

  @Override
  public void accept(Message<byte[]> message) {
    SlaEvent event =
        publisher.readAsOrDeadLetter(message, Topics.SLA_EVENTS, SlaEvent.class).orElse(null);
    if (event == null) {
      return;
    }
    Agency agency = agencies.byCode(event.agencyCode()).orElse(null);
    if (agency == null) {
      publisher.deadLetter(
          Topics.dlq(Topics.SLA_EVENTS),
          message,
          "UNKNOWN_AGENCY",
          "agency " + event.agencyCode() + " is not configured");
      return;
    }
    cases.apply(event);
    if (freshness.stale(event.occurredAt(), Topics.SLA_EVENTS)) {
      return;
    }
    CaseView view = cases.byId(event.caseId()).orElse(null);
    for (Notice notice : Decisions.forSla(event, view, agency)) {
      dispatch.dispatch(
          event.eventId(),
          notice,
          new Dispatch.About(event.caseId(), event.ticket(), agency.language(), view),
          agency);
    }
  }
}
