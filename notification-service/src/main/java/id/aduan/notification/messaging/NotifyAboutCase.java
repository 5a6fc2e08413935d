package id.aduan.notification.messaging;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.Topics;
import id.aduan.messaging.EventPublisher;
import id.aduan.notification.domain.CaseView;
import id.aduan.notification.domain.Decisions;
import id.aduan.notification.domain.Notice;
import id.aduan.notification.persistence.CaseViews;
import id.aduan.notification.persistence.CitizenWindows;
import java.util.List;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * {@code notifyAboutCase}: consumes {@code cases.events.v1}; keeps the case read model and the
 * citizen's last message, then carries out what {@link Decisions#forCase} decides (acknowledgement,
 * requests for documents, status, answer, resolution and survey, rejection, officer alerts).
 */
@Component("notifyAboutCase")
class NotifyAboutCase implements Consumer<Message<byte[]>> {

  private final AgencyCatalog agencies;
  private final CaseViews cases;
  private final CitizenWindows windows;
  private final Dispatch dispatch;
  private final EventPublisher publisher;
  private final Freshness freshness;

  NotifyAboutCase(
      AgencyCatalog agencies,
      CaseViews cases,
      CitizenWindows windows,
      Dispatch dispatch,
      EventPublisher publisher,
      Freshness freshness) {
    this.agencies = agencies;
    this.cases = cases;
    this.windows = windows;
    this.dispatch = dispatch;
    this.publisher = publisher;
    this.freshness = freshness;
  }

  @Override
  public void accept(Message<byte[]> message) {
    CaseEvent event =
        publisher.readAsOrDeadLetter(message, Topics.CASES_EVENTS, CaseEvent.class).orElse(null);
    if (event == null) {
      return;
    }
    Agency agency = agencies.byCode(event.agencyCode()).orElse(null);
    if (agency == null) {
      publisher.deadLetter(
          Topics.dlq(Topics.CASES_EVENTS),
          message,
          "UNKNOWN_AGENCY",
          "agency " + event.agencyCode() + " is not configured");
      return;
    }
    cases.apply(event);
    switch (event) {
      case CaseEvent.CaseOpened e when e.replyAddress() != null ->
          windows.touch(e.replyAddress(), e.receivedAt());
      case CaseEvent.CitizenMessageAdded e when e.replyAddress() != null ->
          windows.touch(e.replyAddress(), e.receivedAt());
      default -> {}
    }
    boolean stale = freshness.stale(event.occurredAt(), Topics.CASES_EVENTS);
    CaseView view = cases.byId(event.caseId()).orElse(null);
    String language =
        event instanceof CaseEvent.CaseOpened o
            ? o.language()
            : view != null ? view.language() : agency.language();
    List<Notice> notices = Decisions.forCase(event, view, agency);
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
              view),
          agency);
    }
  }
}
