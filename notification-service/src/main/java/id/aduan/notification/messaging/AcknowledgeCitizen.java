package id.aduan.notification.messaging;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.Topics;
import id.aduan.messaging.EventPublisher;
import id.aduan.messaging.Outbox;
import id.aduan.notification.domain.Acknowledgement;
import id.aduan.notification.persistence.NotificationDocument;
import id.aduan.notification.persistence.Notifications;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * {@code acknowledgeCitizen}: consumes {@code cases.events.v1}; a {@code CaseOpened} with a channel
 * to answer on produces one acknowledgement with the ticket number on that channel's outbound
 * topic. The decision is stored under (event, recipient) before it is published, so a redelivered
 * event sends nothing new.
 */
@Component("acknowledgeCitizen")
class AcknowledgeCitizen implements Consumer<Message<byte[]>> {

  private final AgencyCatalog agencies;
  private final Notifications notifications;
  private final Outbox outbox;
  private final EventPublisher publisher;
  private final MeterRegistry meters;
  private final Clock clock;

  AcknowledgeCitizen(
      AgencyCatalog agencies,
      Notifications notifications,
      Outbox outbox,
      EventPublisher publisher,
      MeterRegistry meters,
      Clock clock) {
    this.agencies = agencies;
    this.notifications = notifications;
    this.outbox = outbox;
    this.publisher = publisher;
    this.meters = meters;
    this.clock = clock;
  }

  @Override
  public void accept(Message<byte[]> message) {
    Object event = publisher.readOrDeadLetter(message, Topics.CASES_EVENTS, null).orElse(null);
    if (event == null) {
      return;
    }
    if (!(event instanceof CaseEvent.CaseOpened opened)) {
      return;
    }
    Optional<Agency> agency = agencies.byCode(opened.agencyCode());
    if (agency.isEmpty()) {
      publisher.deadLetter(
          Topics.dlq(Topics.CASES_EVENTS),
          message,
          "UNKNOWN_AGENCY",
          "agency " + opened.agencyCode() + " is not configured");
      return;
    }
    Optional<OutboundMessage> ack = Acknowledgement.forOpened(opened, agency.get(), clock);
    if (ack.isEmpty()) {
      return;
    }
    String id =
        opened.eventId() + "/" + ack.get().to().channel() + ":" + ack.get().to().recipientId();
    Optional<NotificationDocument> existing = notifications.byId(id);
    if (existing.isPresent()) {
      outbox.publish(existing.get().outbox(), e -> notifications.markPublished(id, e.eventId()));
      return;
    }
    NotificationDocument doc =
        new NotificationDocument(
            id,
            opened.eventId(),
            opened.caseId(),
            ack.get().purpose(),
            ack.get().eventId(),
            clock.instant(),
            List.of(
                outbox.entry(
                    Topics.outboundFor(ack.get().to().channel()),
                    ack.get().to().recipientId(),
                    ack.get(),
                    opened.ticket())),
            true);
    if (notifications.insert(doc)) {
      outbox.publish(doc.outbox(), e -> notifications.markPublished(id, e.eventId()));
      meters
          .counter(
              "aduan.notifications",
              "agency",
              opened.agencyCode(),
              "purpose",
              "acknowledgement",
              "channel",
              ack.get().to().channel().name().toLowerCase(java.util.Locale.ROOT))
          .increment();
    }
  }
}
