package id.aduan.sla.application;

import id.aduan.agency.Agency;
import id.aduan.contracts.CaseEvent;
import id.aduan.contracts.Channel;
import id.aduan.contracts.ClockState;
import id.aduan.contracts.SlaEvent;
import id.aduan.sla.domain.SlaClock;
import id.aduan.sla.domain.SlaDuration;
import id.aduan.sla.domain.SlaPolicy;
import id.aduan.sla.domain.WorkingDays;
import id.aduan.support.StageLatency;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Keeps each case's clocks in step with the case (README, "The clocks of a case"). For every case
 * event: load the clocks, let each {@link SlaClock} decide, save the new clock with its event (one
 * conditional write, so a redelivered case event changes nothing twice), publish, and file the due
 * moments of a clock that runs on a new schedule.
 */
public class DeadlineTracking {

  /** What became of a case event. */
  public enum Outcome {
    DONE,
    /** The extension's unit is not one this service counts in. */
    BAD_EXTENSION_UNIT
  }

  private final ClockRepository clocks;
  private final DueFiling schedules;
  private final WorkingCalendars calendars;
  private final int defaultWorkingDays;
  private final MeterRegistry meters;
  private final Clock clock;

  public DeadlineTracking(
      ClockRepository clocks,
      DueFiling schedules,
      WorkingCalendars calendars,
      int defaultWorkingDays,
      MeterRegistry meters,
      Clock clock) {
    this.clocks = clocks;
    this.schedules = schedules;
    this.calendars = calendars;
    this.defaultWorkingDays = defaultWorkingDays;
    this.meters = meters;
    this.clock = clock;
  }

  /** A new case: the clocks of its SLA class and, for a LAPOR! report, LAPOR!'s follow-up. */
  public void opened(CaseEvent.CaseOpened opened, Agency agency) {
    List<SlaPolicy.Plan> plans =
        new ArrayList<>(
            SlaPolicy.stages(
                agency,
                opened.caseType().name(),
                opened.slaClass(),
                opened.intakeMode(),
                defaultWorkingDays));
    if (opened.channel() == Channel.LAPOR) {
      // LAPOR! hands a report over already dispositioned: its receipt is the disposition.
      SlaPolicy.lapor(agency, "follow-up").ifPresent(plans::add);
    }
    for (SlaPolicy.Plan plan : plans) {
      start(opened, agency, plan, opened.receivedAt(), null);
    }
  }

  /**
   * Starts one clock of a case; a redelivery finds it (the insert refused by its id: no read
   * before, issue 20) and only publishes what is pending.
   */
  private void start(
      CaseEvent cause,
      Agency agency,
      SlaPolicy.Plan plan,
      java.time.Instant startedAt,
      @Nullable String division) {
    String id = TrackedClock.idOf(cause.caseId(), plan.clock());
    SlaClock.Change started = SlaClock.start(plan, startedAt, calendars.of(agency));
    TrackedClock fresh =
        new TrackedClock(
            id,
            cause.caseId(),
            cause.ticket(),
            cause.agencyCode(),
            division,
            started.clock(),
            List.of());
    Optional<TrackedClock> inserted = clocks.insert(fresh, event(cause, started, ""));
    if (inserted.isPresent()) {
      fileAndPublish(inserted.get());
      StageLatency.since(meters, StageLatency.CASE_TO_SLA_CLOCK, cause.occurredAt(), clock);
    } else {
      clocks.byId(id).ifPresent(clocks::publishPending);
    }
  }

  /** Waiting for the citizen: every running clock pauses. */
  public void informationRequested(CaseEvent.InformationRequested requested) {
    for (TrackedClock c : clocks.ofCase(requested.caseId())) {
      apply(requested, c, c.clock().pause(requested.occurredAt()), "", clocks::publishPending);
    }
  }

  /** The citizen answered: every paused clock resumes, its deadline moved by the pause. */
  public void informationReceived(CaseEvent.InformationReceived received, Agency agency) {
    WorkingDays days = calendars.of(agency);
    for (TrackedClock c : clocks.ofCase(received.caseId())) {
      apply(received, c, c.clock().resume(received.occurredAt(), days), "", this::fileAndPublish);
    }
  }

  /**
   * Another SLA class or case type: every stage clock takes the new class's duration, counted again
   * from its start (with the extension and the pauses it already had); a stage the new class adds
   * starts from the case's receipt, and a stage it drops is withdrawn.
   */
  public void classified(CaseEvent.CaseClassified classified, Agency agency) {
    if (classified.division() != null) {
      division(classified, classified.division());
    }
    Map<String, TrackedClock> current =
        clocks.ofCase(classified.caseId()).stream()
            .collect(Collectors.toMap(c -> c.clock().name(), Function.identity()));
    TrackedClock completion = current.get(SlaPolicy.COMPLETION);
    if (completion == null || !completion.clock().live()) {
      return; // not opened here yet, or finished: nothing to move
    }
    List<SlaPolicy.Plan> plans =
        SlaPolicy.stages(
            agency,
            classified.caseType().name(),
            classified.slaClass(),
            current.containsKey(SlaPolicy.RECEPTION) ? "walk-in" : null,
            defaultWorkingDays);
    WorkingDays days = calendars.of(agency);
    for (SlaPolicy.Plan plan : plans) {
      TrackedClock c = current.get(plan.clock());
      if (c == null) {
        start(classified, agency, plan, completion.clock().startedAt(), completion.division());
        continue;
      }
      retermed(classified, c, c.clock().reclassify(plan, days), "reclassified", "reclassification");
    }
    for (String stage : SlaPolicy.STAGE_CLOCKS) {
      TrackedClock c = current.get(stage);
      if (c != null && c.clock().live() && plans.stream().noneMatch(p -> p.clock().equals(stage))) {
        stop(classified, SlaClock.Ending.WITHDRAWN, Set.of(stage));
      }
    }
  }

  /** An extension the case's class allows, once: the stage's clock moves by it. */
  public Outcome extended(CaseEvent.CaseDeadlineExtended extended, Agency agency) {
    String id = TrackedClock.idOf(extended.caseId(), SlaPolicy.clockOf(extended.stage()));
    TrackedClock c = clocks.byId(id).orElse(null);
    if (c == null) {
      return Outcome.DONE;
    }
    if (!c.clock().live() || c.clock().extension() != null) {
      clocks.publishPending(c); // finished, or extended already (a redelivery)
      return Outcome.DONE;
    }
    SlaDuration by;
    try {
      by = new SlaDuration(extended.extension(), SlaDuration.Unit.valueOf(extended.unit()));
    } catch (IllegalArgumentException e) {
      return Outcome.BAD_EXTENSION_UNIT;
    }
    retermed(
        extended,
        c,
        c.clock().extend(by, calendars.of(agency)),
        "extended: " + extended.reason(),
        "extension");
    return Outcome.DONE;
  }

  private void retermed(
      CaseEvent cause,
      TrackedClock c,
      Optional<SlaClock.Change> change,
      String reason,
      String metric) {
    apply(
        cause,
        c,
        change,
        reason,
        moved -> {
          meters
              .counter("aduan.sla.deadlines.moved", "agency", cause.agencyCode(), "reason", metric)
              .increment();
          if (moved.clock().state() == ClockState.RUNNING) {
            fileAndPublish(moved);
          } else {
            clocks.publishPending(moved);
          }
        });
  }

  /**
   * Stores {@code change} of {@code c}, announced as caused by {@code cause}, then hands the stored
   * clock to {@code then}. A change the clock refused (a redelivery) only publishes what is still
   * pending; so does a change that lost a race with another instance, for the winner's clock.
   */
  private void apply(
      CaseEvent cause,
      TrackedClock c,
      Optional<SlaClock.Change> change,
      String reason,
      Consumer<TrackedClock> then) {
    if (change.isEmpty()) {
      clocks.publishPending(c);
      return;
    }
    Optional<TrackedClock> saved = clocks.save(c, change.get(), event(cause, change.get(), reason));
    if (saved.isPresent()) {
      then.accept(saved.get());
    } else {
      clocks.byId(c.id()).ifPresent(clocks::publishPending);
    }
  }

  /**
   * The answer: handling has started and LAPOR!'s follow-up is done; for a LAPOR! report the
   * closing clock starts (or starts again after a reply).
   */
  public void answered(CaseEvent.CaseAnswered answered, Agency agency) {
    stop(
        answered,
        SlaClock.Ending.DONE,
        Set.of(SlaPolicy.RECEPTION, SlaPolicy.START, SlaPolicy.LAPOR_FOLLOW_UP));
    List<TrackedClock> all = clocks.ofCase(answered.caseId());
    if (all.stream().noneMatch(c -> c.clock().name().equals(SlaPolicy.LAPOR_FOLLOW_UP))) {
      return; // not a LAPOR! report
    }
    SlaPolicy.Plan plan = SlaPolicy.lapor(agency, "close-without-reply").orElse(null);
    if (plan == null) {
      return;
    }
    String division =
        all.stream().map(TrackedClock::division).filter(Objects::nonNull).findFirst().orElse(null);
    TrackedClock closing =
        all.stream().filter(c -> c.clock().name().equals(plan.clock())).findFirst().orElse(null);
    if (closing == null) {
      start(answered, agency, plan, answered.occurredAt(), division);
      return;
    }
    // Nothing to restart while it waits for the reply, or when this answer started it.
    apply(
        answered,
        closing,
        closing.clock().restart(answered.occurredAt(), plan.allowed(), calendars.of(agency)),
        "",
        this::fileAndPublish);
  }

  /** Routing or assignment: the division is kept on every clock, and reception is done. */
  public void handedTo(CaseEvent event, String division) {
    division(event, division);
    stop(event, SlaClock.Ending.DONE, Set.of(SlaPolicy.RECEPTION));
  }

  /** Work started: reception and start of handling are done. */
  public void workStarted(CaseEvent event) {
    stop(event, SlaClock.Ending.DONE, Set.of(SlaPolicy.RECEPTION, SlaPolicy.START));
  }

  /**
   * The head's disposition decided how the complaint is handled (Buton: "menunggu hasil disposisi
   * pimpinan"): the start of handling is done, met or late by its deadline. Reception is not: the
   * walk-in still waits to be handed to an officer (routing, assignment).
   */
  public void dispositioned(CaseEvent.CaseDispositioned dispositioned) {
    stop(dispositioned, SlaClock.Ending.DONE, Set.of(SlaPolicy.START));
  }

  /** The reporter replied to a LAPOR! answer, or the case was reopened: no closing. */
  public void closingStopped(CaseEvent event) {
    stop(event, SlaClock.Ending.DONE, Set.of(SlaPolicy.LAPOR_CLOSE));
  }

  /**
   * The case is reopened after its resolution: LAPOR!'s closing clock stops, and the completion
   * clock runs a fresh term of its class from the reopening (docs/adr/0035).
   */
  public void reopened(CaseEvent.CaseReopened reopened, Agency agency) {
    closingStopped(reopened);
    TrackedClock completion =
        clocks.byId(TrackedClock.idOf(reopened.caseId(), SlaPolicy.COMPLETION)).orElse(null);
    if (completion == null) {
      return;
    }
    // Nothing when it runs already (a redelivery), or was merged.
    apply(
        reopened,
        completion,
        completion.clock().reopen(reopened.occurredAt(), calendars.of(agency)),
        "",
        this::fileAndPublish);
  }

  /** Resolved or rejected: every clock stops, met or late. */
  public void finished(CaseEvent event) {
    stop(event, SlaClock.Ending.DONE, Set.copyOf(SlaPolicy.CLOCKS));
  }

  /** Merged into another case: every clock stops as merged. */
  public void merged(CaseEvent.CaseMerged merged) {
    stop(merged, SlaClock.Ending.MERGED, Set.copyOf(SlaPolicy.CLOCKS));
  }

  /** Stops the named clocks of a case; the clock decides met or late. */
  private void stop(CaseEvent event, SlaClock.Ending ending, Set<String> names) {
    for (TrackedClock current : clocks.ofCase(event.caseId())) {
      if (!names.contains(current.clock().name())) {
        continue;
      }
      apply(
          event,
          current,
          current.clock().stop(event.occurredAt(), ending),
          "",
          c -> {
            clocks.forgetFired(c);
            clocks.publishPending(c);
          });
    }
  }

  private void division(CaseEvent event, String division) {
    for (TrackedClock c : clocks.ofCase(event.caseId())) {
      if (!division.equals(c.division())) {
        clocks.assignDivision(c.id(), division);
      }
    }
  }

  private void fileAndPublish(TrackedClock running) {
    schedules.file(running);
    clocks.publishPending(running);
  }

  /** The event on {@code sla.events.v1} that announces {@code change}, caused by {@code cause}. */
  private SlaEvent event(CaseEvent cause, SlaClock.Change change, String reason) {
    String id = UUID.randomUUID().toString();
    SlaClock c = change.clock();
    return switch (change.event()) {
      case SlaClock.Started s ->
          new SlaEvent.SlaClockStarted(
              id,
              clock.instant(),
              cause.caseId(),
              cause.ticket(),
              cause.agencyCode(),
              c.name(),
              c.policy(),
              s.startedAt(),
              s.deadline(),
              s.provisional());
      case SlaClock.Paused p ->
          new SlaEvent.SlaClockPaused(
              id,
              clock.instant(),
              cause.caseId(),
              cause.ticket(),
              cause.agencyCode(),
              c.name(),
              p.at());
      case SlaClock.Resumed r ->
          new SlaEvent.SlaClockResumed(
              id,
              clock.instant(),
              cause.caseId(),
              cause.ticket(),
              cause.agencyCode(),
              c.name(),
              r.at(),
              r.deadline(),
              r.provisional());
      case SlaClock.Retermed r ->
          new SlaEvent.SlaDeadlineChanged(
              id,
              clock.instant(),
              cause.caseId(),
              cause.ticket(),
              cause.agencyCode(),
              c.name(),
              r.deadline(),
              r.provisional(),
              reason);
      case SlaClock.Stopped s ->
          new SlaEvent.SlaClockStopped(
              id,
              clock.instant(),
              cause.caseId(),
              cause.ticket(),
              cause.agencyCode(),
              c.name(),
              s.deadline(),
              s.at(),
              s.late());
    };
  }
}
