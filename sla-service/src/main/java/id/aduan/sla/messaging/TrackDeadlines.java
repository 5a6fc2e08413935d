package id.aduan.sla.messaging;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ClockState;
import id.aduan.contracts.SlaEvent;
import id.aduan.contracts.Topics;
import id.aduan.messaging.EventPublisher;
import id.aduan.messaging.Outbox;
import id.aduan.sla.config.SlaProperties;
import id.aduan.sla.domain.Deadline;
import id.aduan.sla.domain.SlaDuration;
import id.aduan.sla.domain.SlaPolicy;
import id.aduan.sla.domain.WorkingDays;
import id.aduan.sla.persistence.CalendarFile;
import id.aduan.sla.persistence.FiredLevels;
import id.aduan.sla.persistence.SlaClockDocument;
import id.aduan.sla.persistence.SlaClocks;
import id.aduan.sla.scheduling.ClockSchedules;
import id.aduan.support.StageLatency;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.messaging.Message;
import org.springframework.stereotype.Component;

/**
 * {@code trackDeadlines}: consumes {@code cases.events.v1} and keeps each case's clocks in step
 * with the case (README, "Consumes and produces"). {@code CaseOpened} starts the clocks of the
 * case's SLA class (one per stage) and, for a report from SP4N-LAPOR!, LAPOR!'s follow-up clock;
 * {@code InformationRequested} pauses them and {@code InformationReceived} resumes them; {@code
 * CaseClassified} with another class moves them; {@code CaseDeadlineExtended} extends one; routing,
 * the start of work and the answer meet the stages they end; the answer of a LAPOR! report starts
 * its closing clock, which the reporter's reply stops; resolution, rejection and a merge stop every
 * clock, met or late. Every change is one conditional write on a clock that also queues its event,
 * so a redelivered case event changes nothing twice.
 */
@Component("trackDeadlines")
class TrackDeadlines implements Consumer<Message<byte[]>> {

  private final AgencyCatalog agencies;
  private final SlaClocks clocks;
  private final FiredLevels fired;
  private final ClockSchedules schedules;
  private final Outbox outbox;
  private final EventPublisher publisher;
  private final SlaProperties properties;
  private final CalendarFile calendar;
  private final MeterRegistry meters;
  private final Clock clock;

  TrackDeadlines(
      AgencyCatalog agencies,
      SlaClocks clocks,
      FiredLevels fired,
      ClockSchedules schedules,
      Outbox outbox,
      EventPublisher publisher,
      SlaProperties properties,
      CalendarFile calendar,
      MeterRegistry meters,
      Clock clock) {
    this.agencies = agencies;
    this.clocks = clocks;
    this.fired = fired;
    this.schedules = schedules;
    this.outbox = outbox;
    this.publisher = publisher;
    this.properties = properties;
    this.calendar = calendar;
    this.meters = meters;
    this.clock = clock;
  }

  @Override
  public void accept(Message<byte[]> message) {
    Object event = publisher.readOrDeadLetter(message, Topics.CASES_EVENTS, null).orElse(null);
    if (!(event instanceof CaseEvent caseEvent)) {
      return;
    }
    switch (caseEvent) {
      case CaseEvent.CaseOpened opened -> agency(message, opened).ifPresent(a -> open(opened, a));
      case CaseEvent.InformationRequested requested -> pause(requested);
      case CaseEvent.InformationReceived received ->
          agency(message, received).ifPresent(a -> resume(received, a));
      case CaseEvent.CaseClassified classified -> {
        // The classifier's proposal at intake is not a decision: the clocks follow the officer's.
        if (!classified.proposal()) {
          agency(message, classified).ifPresent(a -> reclassify(classified, a));
        }
      }
      case CaseEvent.CaseRouted routed -> {
        division(routed, routed.division());
        stop(routed, "MET_OR_LATE", SlaPolicy.RECEPTION);
      }
      case CaseEvent.CaseAssigned assigned -> {
        division(assigned, assigned.division());
        stop(assigned, "MET_OR_LATE", SlaPolicy.RECEPTION);
      }
      case CaseEvent.CaseStatusChanged changed -> {
        if (changed.status() == CaseStatus.IN_PROGRESS) {
          stop(changed, "MET_OR_LATE", SlaPolicy.RECEPTION, SlaPolicy.START);
        }
      }
      case CaseEvent.CaseAnswered answered ->
          agency(message, answered).ifPresent(a -> answer(answered, a));
      case CaseEvent.CitizenMessageAdded added -> stop(added, "MET_OR_LATE", SlaPolicy.LAPOR_CLOSE);
      case CaseEvent.CaseReopened reopened -> stop(reopened, "MET_OR_LATE", SlaPolicy.LAPOR_CLOSE);
      case CaseEvent.CaseDeadlineExtended extended ->
          agency(message, extended).ifPresent(a -> extend(message, extended, a));
      case CaseEvent.CaseResolved resolved ->
          stop(resolved, "MET_OR_LATE", SlaPolicy.CLOCKS.toArray(String[]::new));
      case CaseEvent.CaseRejected rejected ->
          stop(rejected, "MET_OR_LATE", SlaPolicy.CLOCKS.toArray(String[]::new));
      case CaseEvent.CaseMerged merged ->
          stop(merged, ClockState.MERGED.name(), SlaPolicy.CLOCKS.toArray(String[]::new));
      default -> {
        // Any other case event (one added to the contract later) moves no clock.
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

  private void open(CaseEvent.CaseOpened opened, Agency agency) {
    List<SlaPolicy.Plan> plans =
        new ArrayList<>(
            SlaPolicy.stages(
                agency,
                opened.caseType().name(),
                opened.slaClass(),
                opened.intakeMode(),
                properties.defaultWorkingDays()));
    if (opened.channel() == Channel.LAPOR) {
      // LAPOR! hands a report over already dispositioned: its receipt is the disposition.
      SlaPolicy.lapor(agency, "follow-up").ifPresent(plans::add);
    }
    for (SlaPolicy.Plan plan : plans) {
      start(opened, agency, plan, opened.receivedAt(), null);
    }
  }

  /** Starts one clock of a case; a redelivery finds it and only publishes what is pending. */
  private void start(
      CaseEvent cause,
      Agency agency,
      SlaPolicy.Plan plan,
      Instant startedAt,
      @Nullable String division) {
    String id = cause.caseId() + "/" + plan.clock();
    SlaClockDocument existing = clocks.byId(id).orElse(null);
    if (existing != null) {
      flush(existing);
      return;
    }
    Deadline deadline = calendar.workingDaysOf(agency).deadline(startedAt, plan.allowed());
    SlaEvent.SlaClockStarted started =
        new SlaEvent.SlaClockStarted(
            UUID.randomUUID().toString(),
            clock.instant(),
            cause.caseId(),
            cause.ticket(),
            cause.agencyCode(),
            plan.clock(),
            plan.policy(),
            startedAt,
            deadline.at(),
            deadline.provisional());
    SlaClockDocument doc =
        new SlaClockDocument(
            id,
            cause.caseId(),
            cause.ticket(),
            cause.agencyCode(),
            plan.clock(),
            plan.policy(),
            startedAt,
            deadline.at(),
            plan.allowed().text(),
            deadline.provisional(),
            ClockState.RUNNING.name(),
            deadline.at(),
            0,
            List.of(),
            null,
            List.of(entry(cause, started)),
            true,
            null,
            0,
            plan.quiet(),
            division);
    if (clocks.insert(doc)) {
      schedules.file(doc);
      flush(doc);
      StageLatency.since(meters, StageLatency.CASE_TO_SLA_CLOCK, cause.occurredAt(), clock);
    } else {
      clocks.byId(id).ifPresent(this::flush);
    }
  }

  private void pause(CaseEvent.InformationRequested requested) {
    for (SlaClockDocument c : clocks.ofCase(requested.caseId())) {
      if (!ClockState.RUNNING.name().equals(c.state())) {
        flush(c);
        continue;
      }
      SlaEvent.SlaClockPaused paused =
          new SlaEvent.SlaClockPaused(
              UUID.randomUUID().toString(),
              clock.instant(),
              requested.caseId(),
              requested.ticket(),
              requested.agencyCode(),
              c.clock(),
              requested.occurredAt());
      clocks
          .pause(c.id(), requested.occurredAt(), entry(requested, paused))
          .or(() -> clocks.byId(c.id()))
          .ifPresent(this::flush);
    }
  }

  private void resume(CaseEvent.InformationReceived received, Agency agency) {
    WorkingDays days = calendar.workingDaysOf(agency);
    for (SlaClockDocument paused : clocks.ofCase(received.caseId())) {
      if (paused.pausedAt() == null || !ClockState.PAUSED.name().equals(paused.state())) {
        flush(paused);
        continue;
      }
      Deadline moved = days.resumed(paused.deadline(), paused.pausedAt(), received.occurredAt());
      long pausedSeconds =
          days.workingTimeBetween(paused.pausedAt(), received.occurredAt()).toSeconds();
      SlaEvent.SlaClockResumed resumed =
          new SlaEvent.SlaClockResumed(
              UUID.randomUUID().toString(),
              clock.instant(),
              received.caseId(),
              received.ticket(),
              received.agencyCode(),
              paused.clock(),
              received.occurredAt(),
              moved.at(),
              moved.provisional());
      clocks
          .resume(
              paused.id(),
              paused.pausedAt(),
              pausedSeconds,
              moved.at(),
              moved.provisional(),
              entry(received, resumed))
          .ifPresent(this::fileAndFlush);
    }
  }

  /**
   * Another SLA class or case type: every stage clock takes the new class's duration, counted again
   * from its start (with the extension and the pauses it already had); a stage the new class adds
   * starts from the case's receipt, and a stage it drops is withdrawn.
   */
  private void reclassify(CaseEvent.CaseClassified classified, Agency agency) {
    if (classified.division() != null) {
      division(classified, classified.division());
    }
    Map<String, SlaClockDocument> current =
        clocks.ofCase(classified.caseId()).stream()
            .collect(Collectors.toMap(SlaClockDocument::clock, Function.identity()));
    SlaClockDocument completion = current.get(SlaPolicy.COMPLETION);
    if (completion == null || !live(completion)) {
      return; // not opened here yet, or finished: nothing to move
    }
    List<SlaPolicy.Plan> plans =
        SlaPolicy.stages(
            agency,
            classified.caseType().name(),
            classified.slaClass(),
            current.containsKey(SlaPolicy.RECEPTION) ? "walk-in" : null,
            properties.defaultWorkingDays());
    WorkingDays days = calendar.workingDaysOf(agency);
    for (SlaPolicy.Plan plan : plans) {
      SlaClockDocument c = current.get(plan.clock());
      if (c == null) {
        start(classified, agency, plan, completion.startedAt(), completion.division());
        continue;
      }
      if (!live(c)
          || (plan.policy().equals(c.policy()) && plan.allowed().text().equals(c.duration()))) {
        flush(c);
        continue;
      }
      retermed(
          classified,
          c,
          plan.policy(),
          plan.allowed(),
          c.extension(),
          days,
          "reclassified",
          "reclassification");
    }
    for (String stage : SlaPolicy.STAGE_CLOCKS) {
      SlaClockDocument c = current.get(stage);
      if (c != null && live(c) && plans.stream().noneMatch(p -> p.clock().equals(stage))) {
        stop(classified, ClockState.WITHDRAWN.name(), stage);
      }
    }
  }

  /** An extension the case's class allows, once: the stage's clock moves by it. */
  private void extend(
      Message<byte[]> message, CaseEvent.CaseDeadlineExtended extended, Agency agency) {
    String id = extended.caseId() + "/" + SlaPolicy.clockOf(extended.stage());
    SlaClockDocument c = clocks.byId(id).orElse(null);
    if (c == null) {
      return;
    }
    if (!live(c) || c.extension() != null) {
      flush(c); // finished, or extended already (a redelivery)
      return;
    }
    SlaDuration by;
    try {
      by = new SlaDuration(extended.extension(), SlaDuration.Unit.valueOf(extended.unit()));
    } catch (IllegalArgumentException e) {
      publisher.deadLetter(
          Topics.dlq(Topics.CASES_EVENTS),
          message,
          "BAD_EXTENSION",
          "extension of case " + extended.caseId() + " has unit " + extended.unit());
      return;
    }
    retermed(
        extended,
        c,
        c.policy(),
        SlaDuration.parse(Objects.requireNonNull(c.duration())),
        by.text(),
        calendar.workingDaysOf(agency),
        "extended: " + extended.reason(),
        "extension");
  }

  private void retermed(
      CaseEvent cause,
      SlaClockDocument c,
      String policy,
      SlaDuration allowed,
      @Nullable String extension,
      WorkingDays days,
      String reason,
      String metricReason) {
    Deadline deadline =
        days.deadline(
            c.startedAt(),
            allowed,
            extension == null ? new SlaDuration(0, allowed.unit()) : SlaDuration.parse(extension),
            Duration.ofSeconds(c.pausedSeconds()));
    SlaEvent.SlaDeadlineChanged changed =
        new SlaEvent.SlaDeadlineChanged(
            UUID.randomUUID().toString(),
            clock.instant(),
            cause.caseId(),
            cause.ticket(),
            cause.agencyCode(),
            c.clock(),
            deadline.at(),
            deadline.provisional(),
            reason);
    Optional<SlaClockDocument> moved =
        clocks.reterm(
            c.id(),
            c.scheduleVersion(),
            policy,
            allowed.text(),
            extension,
            deadline.at(),
            deadline.provisional(),
            entry(cause, changed));
    if (moved.isPresent()) {
      meters
          .counter(
              "aduan.sla.deadlines.moved", "agency", cause.agencyCode(), "reason", metricReason)
          .increment();
      if (ClockState.RUNNING.name().equals(moved.get().state())) {
        fileAndFlush(moved.get());
      } else {
        flush(moved.get());
      }
    } else {
      clocks.byId(c.id()).ifPresent(this::flush);
    }
  }

  /**
   * The answer: handling has started and LAPOR!'s follow-up is done; for a LAPOR! report the
   * closing clock starts (or starts again after a reply).
   */
  private void answer(CaseEvent.CaseAnswered answered, Agency agency) {
    stop(answered, "MET_OR_LATE", SlaPolicy.RECEPTION, SlaPolicy.START, SlaPolicy.LAPOR_FOLLOW_UP);
    List<SlaClockDocument> all = clocks.ofCase(answered.caseId());
    if (all.stream().noneMatch(c -> c.clock().equals(SlaPolicy.LAPOR_FOLLOW_UP))) {
      return; // not a LAPOR! report
    }
    SlaPolicy.Plan plan = SlaPolicy.lapor(agency, "close-without-reply").orElse(null);
    if (plan == null) {
      return;
    }
    String division =
        all.stream()
            .map(SlaClockDocument::division)
            .filter(Objects::nonNull)
            .findFirst()
            .orElse(null);
    SlaClockDocument closing =
        all.stream().filter(c -> c.clock().equals(plan.clock())).findFirst().orElse(null);
    if (closing == null) {
      start(answered, agency, plan, answered.occurredAt(), division);
      return;
    }
    if (live(closing) || !answered.occurredAt().isAfter(closing.startedAt())) {
      flush(closing); // still waiting for the reply, or this answer started it (a redelivery)
      return;
    }
    Deadline deadline =
        calendar.workingDaysOf(agency).deadline(answered.occurredAt(), plan.allowed());
    SlaEvent.SlaClockStarted started =
        new SlaEvent.SlaClockStarted(
            UUID.randomUUID().toString(),
            clock.instant(),
            answered.caseId(),
            answered.ticket(),
            answered.agencyCode(),
            plan.clock(),
            plan.policy(),
            answered.occurredAt(),
            deadline.at(),
            deadline.provisional());
    clocks
        .restart(
            closing.id(),
            answered.occurredAt(),
            deadline.at(),
            deadline.provisional(),
            entry(answered, started))
        .ifPresent(this::fileAndFlush);
  }

  /**
   * Stops the named clocks of a case: {@code MET_OR_LATE} by the deadline, or a final state of its
   * own ({@code MERGED}, {@code WITHDRAWN}); {@code late} on the event says whether it was past.
   */
  private void stop(CaseEvent event, String how, String... clockNames) {
    List<String> names = List.of(clockNames);
    for (SlaClockDocument current : clocks.ofCase(event.caseId())) {
      if (!names.contains(current.clock())) {
        continue;
      }
      if (!live(current)) {
        flush(current);
        continue;
      }
      boolean late = event.occurredAt().isAfter(current.deadline());
      String state =
          how.equals("MET_OR_LATE")
              ? (late ? ClockState.STOPPED_LATE.name() : ClockState.MET.name())
              : how;
      SlaEvent.SlaClockStopped stopped =
          new SlaEvent.SlaClockStopped(
              UUID.randomUUID().toString(),
              clock.instant(),
              event.caseId(),
              event.ticket(),
              event.agencyCode(),
              current.clock(),
              current.deadline(),
              event.occurredAt(),
              late);
      clocks
          .stop(current.id(), state, entry(event, stopped))
          .or(() -> clocks.byId(current.id()))
          .ifPresent(
              doc -> {
                fired.forget(doc.fired().stream().map(doc::claimOf).toList());
                flush(doc);
              });
    }
  }

  private void division(CaseEvent event, String division) {
    for (SlaClockDocument c : clocks.ofCase(event.caseId())) {
      if (!division.equals(c.division())) {
        clocks.assignDivision(c.id(), division);
      }
    }
  }

  private static boolean live(SlaClockDocument c) {
    return ClockState.RUNNING.name().equals(c.state())
        || ClockState.PAUSED.name().equals(c.state());
  }

  private Outbox.Entry entry(CaseEvent cause, SlaEvent event) {
    return outbox.entry(Topics.SLA_EVENTS, cause.caseId(), event, cause.ticket());
  }

  private void fileAndFlush(SlaClockDocument running) {
    schedules.file(running);
    flush(running);
  }

  private void flush(SlaClockDocument doc) {
    outbox.publish(doc.outbox(), e -> clocks.markPublished(doc.id(), e.eventId()));
  }
}
