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
import id.aduan.sla.scheduling.ClockSchedules;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * {@code trackDeadlines}: consumes {@code cases.events.v1} and keeps each case's completion clock
 * in step with the case: {@code CaseOpened} starts it, {@code InformationRequested} pauses it while
 * the case waits for the citizen, {@code InformationReceived} resumes it with the deadline moved by
 * the paused office time, {@code CaseResolved} and {@code CaseRejected} stop it, met or late. Every
 * change is one conditional write on the clock that also queues its event, so a redelivered case
 * event changes nothing twice.
 */
@Component("trackDeadlines")
class TrackDeadlines implements Consumer<Message<byte[]>> {

  static final String COMPLETION = "completion";
  private final AgencyCatalog agencies;
  private final SlaClocks clocks;
  private final ClockSchedules schedules;
  private final Outbox outbox;
  private final EventPublisher publisher;
  private final SlaProperties properties;
  private final CalendarFile calendar;
  private final Clock clock;

  TrackDeadlines(
      AgencyCatalog agencies,
      SlaClocks clocks,
      ClockSchedules schedules,
      Outbox outbox,
      EventPublisher publisher,
      SlaProperties properties,
      CalendarFile calendar,
      Clock clock) {
    this.agencies = agencies;
    this.clocks = clocks;
    this.schedules = schedules;
    this.outbox = outbox;
    this.publisher = publisher;
    this.properties = properties;
    this.calendar = calendar;
    this.clock = clock;
  }

  @Override
  public void accept(Message<byte[]> message) {
    Object event = publisher.readOrDeadLetter(message, Topics.CASES_EVENTS, null).orElse(null);
    if (!(event instanceof CaseEvent caseEvent)) {
      return;
    }
    switch (caseEvent) {
      case CaseEvent.CaseOpened opened -> agency(message, opened).ifPresent(a -> start(opened, a));
      case CaseEvent.InformationRequested requested -> pause(requested);
      case CaseEvent.InformationReceived received ->
          agency(message, received).ifPresent(a -> resume(received, a));
      case CaseEvent.CaseResolved resolved -> stop(resolved);
      case CaseEvent.CaseRejected rejected -> stop(rejected);
      default -> {
        // Other case events do not move the clock.
      }
    }
  }

  private Optional<Agency> agency(Message<byte[]> message, CaseEvent event) {
    Optional<Agency> agency = agencies.byCode(event.agencyCode());
    if (agency.isEmpty()) {
      publisher.deadLetter(
          Topics.dlq(Topics.CASES_EVENTS),
          message,
          "UNKNOWN_AGENCY",
          "agency " + event.agencyCode() + " is not configured");
    }
    return agency;
  }

  private void start(CaseEvent.CaseOpened opened, Agency agency) {
    String id = opened.caseId() + "/" + COMPLETION;
    SlaClockDocument existing = clocks.byId(id).orElse(null);
    if (existing != null) {
      // A redelivery: finish what the first delivery may not have (publish, file).
      flush(existing);
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
            SlaClocks.RUNNING,
            deadline.at(),
            0,
            List.of(),
            null,
            List.of(outbox.entry(Topics.SLA_EVENTS, opened.caseId(), started, opened.ticket())),
            true);
    if (clocks.insert(doc)) {
      schedules.file(doc);
      flush(doc);
    }
  }

  private void pause(CaseEvent.InformationRequested requested) {
    String id = requested.caseId() + "/" + COMPLETION;
    SlaEvent.SlaClockPaused paused =
        new SlaEvent.SlaClockPaused(
            UUID.randomUUID().toString(),
            clock.instant(),
            requested.caseId(),
            requested.ticket(),
            requested.agencyCode(),
            COMPLETION,
            requested.occurredAt());
    clocks
        .pause(id, requested.occurredAt(), entry(requested, paused))
        .or(() -> clocks.byId(id))
        .ifPresent(this::flush);
  }

  private void resume(CaseEvent.InformationReceived received, Agency agency) {
    String id = received.caseId() + "/" + COMPLETION;
    SlaClockDocument paused = clocks.byId(id).orElse(null);
    if (paused == null || paused.pausedAt() == null || !SlaClocks.PAUSED.equals(paused.state())) {
      if (paused != null) {
        flush(paused);
      }
      return;
    }
    Deadline moved =
        calendar
            .workingDaysOf(agency)
            .resumed(paused.deadline(), paused.pausedAt(), received.occurredAt());
    SlaEvent.SlaClockResumed resumed =
        new SlaEvent.SlaClockResumed(
            UUID.randomUUID().toString(),
            clock.instant(),
            received.caseId(),
            received.ticket(),
            received.agencyCode(),
            COMPLETION,
            received.occurredAt(),
            moved.at(),
            moved.provisional());
    clocks
        .resume(id, paused.pausedAt(), moved.at(), moved.provisional(), entry(received, resumed))
        .ifPresent(
            running -> {
              schedules.file(running);
              flush(running);
            });
  }

  private void stop(CaseEvent event) {
    String id = event.caseId() + "/" + COMPLETION;
    SlaClockDocument current = clocks.byId(id).orElse(null);
    if (current == null) {
      return;
    }
    boolean late = event.occurredAt().isAfter(current.deadline());
    SlaEvent.SlaClockStopped stopped =
        new SlaEvent.SlaClockStopped(
            UUID.randomUUID().toString(),
            clock.instant(),
            event.caseId(),
            event.ticket(),
            event.agencyCode(),
            COMPLETION,
            current.deadline(),
            event.occurredAt(),
            late);
    clocks
        .stop(id, late ? "STOPPED_LATE" : "MET", entry(event, stopped))
        .or(() -> Optional.of(current))
        .ifPresent(this::flush);
  }

  private Outbox.Entry entry(CaseEvent cause, SlaEvent event) {
    return outbox.entry(Topics.SLA_EVENTS, cause.caseId(), event, cause.ticket());
  }

  private void flush(SlaClockDocument doc) {
    outbox.publish(doc.outbox(), e -> clocks.markPublished(doc.id(), e.eventId()));
  }
}
