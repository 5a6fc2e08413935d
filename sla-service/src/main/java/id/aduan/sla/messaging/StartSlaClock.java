package id.aduan.sla.messaging;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.SlaEvent;
import id.aduan.contracts.Topics;
import id.aduan.messaging.EventPublisher;
import id.aduan.messaging.Outbox;
import id.aduan.sla.config.SlaProperties;
import id.aduan.sla.domain.Deadline;
import id.aduan.sla.domain.SlaDuration;
import id.aduan.sla.domain.SlaDuration.Unit;
import id.aduan.sla.persistence.CalendarFile;
import id.aduan.sla.persistence.SlaClockDocument;
import id.aduan.sla.persistence.SlaClocks;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * {@code startSlaClock}: consumes {@code cases.events.v1}; a {@code CaseOpened} starts the case's
 * completion clock and announces its deadline. The clock id derives from the case, so a redelivery
 * finds the clock and only re-publishes what is still pending.
 */
@Component("startSlaClock")
class StartSlaClock implements Consumer<Message<byte[]>> {

  static final String COMPLETION = "completion";
  private final AgencyCatalog agencies;
  private final SlaClocks clocks;
  private final Outbox outbox;
  private final EventPublisher publisher;
  private final SlaProperties properties;
  private final CalendarFile calendar;
  private final Clock clock;

  StartSlaClock(
      AgencyCatalog agencies,
      SlaClocks clocks,
      Outbox outbox,
      EventPublisher publisher,
      SlaProperties properties,
      CalendarFile calendar,
      Clock clock) {
    this.agencies = agencies;
    this.clocks = clocks;
    this.outbox = outbox;
    this.publisher = publisher;
    this.properties = properties;
    this.calendar = calendar;
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
    Agency agency = agencies.byCode(opened.agencyCode()).orElse(null);
    if (agency == null) {
      publisher.deadLetter(
          Topics.dlq(Topics.CASES_EVENTS),
          message,
          "UNKNOWN_AGENCY",
          "agency " + opened.agencyCode() + " is not configured");
      return;
    }
    String id = opened.caseId() + "/" + COMPLETION;
    SlaClockDocument existing = clocks.byId(id).orElse(null);
    if (existing != null) {
      outbox.publish(existing.outbox(), e -> clocks.markPublished(id, e.eventId()));
      return;
    }
    SlaDuration allowed = new SlaDuration(properties.defaultWorkingDays(), Unit.WORKING_DAYS);
    Deadline deadline = calendar.workingDaysOf(agency).deadline(opened.receivedAt(), allowed);
    SlaEvent.SlaClockStarted started =
        new SlaEvent.SlaClockStarted(
            UUID.randomUUID().toString(),
            clock.instant(),
            opened.caseId(),
            opened.ticket(),
            opened.agencyCode(),
            COMPLETION,
            "default/" + COMPLETION,
            opened.receivedAt(),
            deadline.at(),
            deadline.provisional());
    SlaClockDocument doc =
        new SlaClockDocument(
            id,
            opened.caseId(),
            opened.ticket(),
            opened.agencyCode(),
            COMPLETION,
            started.policy(),
            opened.receivedAt(),
            deadline.at(),
            allowed.amount() + " working-days",
            deadline.provisional(),
            "RUNNING",
            deadline.at(),
            List.of(outbox.entry(Topics.SLA_EVENTS, opened.caseId(), started, opened.ticket())),
            true);
    if (clocks.insert(doc)) {
      outbox.publish(doc.outbox(), e -> clocks.markPublished(id, e.eventId()));
    }
  }
}
