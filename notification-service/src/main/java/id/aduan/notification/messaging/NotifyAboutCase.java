package id.aduan.notification.messaging;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.Topics;
import id.aduan.notification.application.Notify;
import id.aduan.support.messaging.EventPublisher;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * {@code notifyAboutCase}: consumes {@code cases.events.v1}; keeps the case read model and the
 * citizen's last message, then carries out what {@code Decisions.forCase} decides (acknowledgement,
 * requests for documents, status, answer, resolution and survey, rejection, officer alerts).
 */
@Component("notifyAboutCase")
class NotifyAboutCase implements Consumer<Message<byte[]>> {

  private final AgencyCatalog agencies;
  private final Notify notify;
  private final EventPublisher publisher;

  NotifyAboutCase(AgencyCatalog agencies, Notify notify, EventPublisher publisher) {
    this.agencies = agencies;
    this.notify = notify;
    this.publisher = publisher;
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
    notify.onCase(event, agency, Topics.CASES_EVENTS);
  }
}
