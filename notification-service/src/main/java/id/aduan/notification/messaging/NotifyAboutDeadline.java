package id.aduan.notification.messaging;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.SlaEvent;
import id.aduan.contracts.Topics;
import id.aduan.notification.application.Notify;
import id.aduan.support.messaging.EventPublisher;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * {@code notifyAboutDeadline}: consumes {@code sla.events.v1}; keeps deadlines and lateness in the
 * read model (for the digest) and alerts officers on warnings, coordinators and heads on breaches
 * and escalations ({@code Decisions.forSla}).
 */
@Component("notifyAboutDeadline")
class NotifyAboutDeadline implements Consumer<Message<byte[]>> {

  private final AgencyCatalog agencies;
  private final Notify notify;
  private final EventPublisher publisher;

  NotifyAboutDeadline(AgencyCatalog agencies, Notify notify, EventPublisher publisher) {
    this.agencies = agencies;
    this.notify = notify;
    this.publisher = publisher;
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
    notify.onSla(event, agency, Topics.SLA_EVENTS);
  }
}
