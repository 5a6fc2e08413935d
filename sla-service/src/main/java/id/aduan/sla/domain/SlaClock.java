package id.aduan.sla.domain;

import id.aduan.contracts.ClockState;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * One SLA clock of a case, as an immutable value: the terms it runs on ({@code policy}, {@code
 * allowed}, a granted {@code extension}), when it started, its deadline, the office time it spent
 * paused, where it stands ({@link ClockState}), its schedule version (it grows with every change,
 * so due moments filed for an older schedule are recognised as stale) and the levels it announced.
 *
 * <p>Every change returns the new clock with the event that says what happened ({@link Change}), or
 * nothing when the change does not apply to the clock as it stands (a redelivered case event): a
 * change is made once. The lateness rule ({@link #late}) and the re-terming arithmetic live here.
 *
 * @param allowed what the policy allows; null only on clocks stored before it was kept
 * @param paused the office time spent paused so far (the deadline already includes it)
 * @param pausedAt when the running pause began, while {@link ClockState#PAUSED}
 * @param quiet only the moment itself is announced (no warnings, no escalation)
 */
public record SlaClock(
    String name,
    String policy,
    Instant startedAt,
    Instant deadline,
    boolean provisional,
    @Nullable SlaDuration allowed,
    @Nullable SlaDuration extension,
    Duration paused,
    ClockState state,
    @Nullable Instant pausedAt,
    int scheduleVersion,
    Set<DueLevel> fired,
    boolean quiet) {

  public SlaClock {
    fired = Set.copyOf(fired);
  }

  /** What a change did, as the clock's event says it. */
  public sealed interface Event {}

  /** The clock (re)started at {@code startedAt}, due at {@code deadline}. */
  public record Started(Instant startedAt, Instant deadline, boolean provisional)
      implements Event {}

  /** The clock paused at {@code at}. */
  public record Paused(Instant at) implements Event {}

  /**
   * The clock resumed at {@code at}; its deadline moved by {@code pausedFor}, the office time the
   * pause took.
   */
  public record Resumed(Instant at, Instant deadline, boolean provisional, Duration pausedFor)
      implements Event {}

  /** New terms (another class, an extension, a changed calendar): a new deadline. */
  public record Retermed(Instant deadline, boolean provisional) implements Event {}

  /** The clock stopped at {@code at}; {@code late} by the lateness rule. */
  public record Stopped(Instant at, Instant deadline, boolean late, ClockState state)
      implements Event {}

  /** The new clock and the event of the change. */
  public record Change(SlaClock clock, Event event) {}

  /** How a clock ends. */
  public enum Ending {
    /** The work it times is done (resolved, rejected, answered...): met or late by its deadline. */
    DONE,
    /** The case was merged into another. */
    MERGED,
    /** A reclassification dropped the stage it timed. */
    WITHDRAWN
  }

  /** Whether a filed due moment fires now. */
  public enum Decision {
    /** Announce it. */
    FIRE,
    /** Its moment has not come yet. */
    NOT_YET,
    /** Announced already in this run of the clock. */
    ALREADY_FIRED,
    /** Filed for another schedule, or the clock no longer runs: it never fires. */
    STALE
  }

  /** Starts a clock of {@code plan} at {@code startedAt}. */
  public static Change start(SlaPolicy.Plan plan, Instant startedAt, WorkingDays days) {
    Deadline deadline = days.deadline(startedAt, plan.allowed());
    SlaClock clock =
        new SlaClock(
            plan.clock(),
            plan.policy(),
            startedAt,
            deadline.at(),
            deadline.provisional(),
            plan.allowed(),
            null,
            Duration.ZERO,
            ClockState.RUNNING,
            null,
            0,
            Set.of(),
            plan.quiet());
    return new Change(clock, new Started(startedAt, deadline.at(), deadline.provisional()));
  }

  /** Running or paused: it can still be met, missed, paused or given new terms. */
  public boolean live() {
    return state == ClockState.RUNNING || state == ClockState.PAUSED;
  }

  /**
   * The lateness rule: work done at {@code at} is late when {@code at} is past the deadline. A
   * paused clock stopped counting when it paused (time waiting for the citizen does not count), so
   * it is judged at the moment it paused.
   */
  public boolean late(Instant at) {
    Instant counted = state == ClockState.PAUSED && pausedAt != null ? pausedAt : at;
    return counted.isAfter(deadline);
  }

  /** Pauses a running clock at {@code at} (waiting for the citizen). */
  public Optional<Change> pause(Instant at) {
    if (state != ClockState.RUNNING) {
      return Optional.empty();
    }
    return Optional.of(
        new Change(
            next(
                c -> {
                  c.state = ClockState.PAUSED;
                  c.pausedAt = at;
                }),
            new Paused(at)));
  }

  /**
   * Resumes a paused clock at {@code at}: the deadline moves by the office time the pause took, so
   * a pause over a weekend or a holiday costs the agency nothing and gives it nothing.
   */
  public Optional<Change> resume(Instant at, WorkingDays days) {
    if (state != ClockState.PAUSED || pausedAt == null) {
      return Optional.empty();
    }
    Deadline moved = days.resumed(deadline, pausedAt, at);
    Duration pausedFor = Duration.ofSeconds(days.workingTimeBetween(pausedAt, at).toSeconds());
    return Optional.of(
        new Change(
            next(
                c -> {
                  c.due(moved);
                  c.paused = paused.plus(pausedFor);
                  c.state = ClockState.RUNNING;
                  c.pausedAt = null;
                }),
            new Resumed(at, moved.at(), moved.provisional(), pausedFor)));
  }

  /** Stops a running or paused clock at {@code at}, for good. */
  public Optional<Change> stop(Instant at, Ending ending) {
    if (!live()) {
      return Optional.empty();
    }
    boolean late = late(at);
    ClockState end =
        switch (ending) {
          case DONE -> late ? ClockState.STOPPED_LATE : ClockState.MET;
          case MERGED -> ClockState.MERGED;
          case WITHDRAWN -> ClockState.WITHDRAWN;
        };
    return Optional.of(new Change(next(c -> c.state = end), new Stopped(at, deadline, late, end)));
  }

  /**
   * Another class or case type: the terms of {@code plan}, counted again from the start with the
   * pauses and any extension the clock had. Nothing when the clock is finished or its terms are the
   * same.
   */
  public Optional<Change> reclassify(SlaPolicy.Plan plan, WorkingDays days) {
    if (!live()
        || (plan.policy().equals(policy)
            && allowed != null
            && plan.allowed().text().equals(allowed.text()))) {
      return Optional.empty();
    }
    return Optional.of(reterm(plan.policy(), plan.allowed(), extension, days));
  }

  /** An extension by {@code by}, granted once. Nothing when finished or extended already. */
  public Optional<Change> extend(SlaDuration by, WorkingDays days) {
    if (!live() || extension != null) {
      return Optional.empty();
    }
    return Optional.of(reterm(policy, Objects.requireNonNull(allowed, "allowed"), by, days));
  }

  /**
   * The clock on new terms: {@code allowed} from its start, then the extension, then the office
   * time it spent paused; a new schedule version.
   */
  public Change reterm(
      String policy, SlaDuration allowed, @Nullable SlaDuration extension, WorkingDays days) {
    Deadline moved =
        days.deadline(
            startedAt,
            allowed,
            extension == null ? new SlaDuration(0, allowed.unit()) : extension,
            paused);
    return new Change(
        next(
            c -> {
              c.policy = policy;
              c.due(moved);
              c.allowed = allowed;
              c.extension = extension;
            }),
        new Retermed(moved.at(), moved.provisional()));
  }

  /**
   * Runs a finished clock again from {@code at} (LAPOR!'s closing clock after a new answer, a
   * reopened case's completion): a new run, with no pause or extension yet, whose levels may be
   * announced again. Nothing while it runs, or for a start not after the last one (the same start
   * redelivered).
   */
  public Optional<Change> restart(Instant at, SlaDuration allowed, WorkingDays days) {
    if (live() || !at.isAfter(startedAt)) {
      return Optional.empty();
    }
    Deadline deadline = days.deadline(at, allowed);
    return Optional.of(
        new Change(
            next(
                c -> {
                  c.startedAt = at;
                  c.due(deadline);
                  c.extension = null;
                  c.paused = Duration.ZERO;
                  c.state = ClockState.RUNNING;
                  c.pausedAt = null;
                  c.fired = Set.of();
                }),
            new Started(at, deadline.at(), deadline.provisional())));
  }

  /**
   * The case is reopened at {@code at} after the work was done (met or late): a fresh term of the
   * clock's terms from the reopening, as a new run (docs/adr/0035). Nothing for a clock still
   * running (a redelivery), merged or withdrawn, or without stored terms.
   */
  public Optional<Change> reopen(Instant at, WorkingDays days) {
    if ((state != ClockState.MET && state != ClockState.STOPPED_LATE) || allowed == null) {
      return Optional.empty();
    }
    return restart(at, allowed, days);
  }

  /**
   * Whether {@code level}, filed at {@code at} for schedule {@code version}, fires at {@code now}:
   * only on the schedule it was filed for, only while the clock runs, once per run.
   */
  public Decision due(DueLevel level, int version, Instant at, Instant now) {
    if (state != ClockState.RUNNING || version != scheduleVersion) {
      return Decision.STALE;
    }
    if (fired.contains(level)) {
      return Decision.ALREADY_FIRED;
    }
    return at.isAfter(now) ? Decision.NOT_YET : Decision.FIRE;
  }

  /** The clock with {@code level} announced. */
  public SlaClock firing(DueLevel level) {
    Set<DueLevel> levels = new HashSet<>(fired);
    levels.add(level);
    Draft draft = new Draft(this);
    draft.fired = levels;
    return draft.clock();
  }

  /** This clock after {@code change}, on a new schedule version. */
  private SlaClock next(Consumer<Draft> change) {
    Draft draft = new Draft(this);
    change.accept(draft);
    draft.scheduleVersion++;
    return draft.clock();
  }

  /** A clock being changed: the one place that copies every component. */
  private static final class Draft {
    private final String name;
    private String policy;
    private Instant startedAt;
    private Instant deadline;
    private boolean provisional;
    private @Nullable SlaDuration allowed;
    private @Nullable SlaDuration extension;
    private Duration paused;
    private ClockState state;
    private @Nullable Instant pausedAt;
    private int scheduleVersion;
    private Set<DueLevel> fired;
    private final boolean quiet;

    private Draft(SlaClock c) {
      name = c.name;
      policy = c.policy;
      startedAt = c.startedAt;
      deadline = c.deadline;
      provisional = c.provisional;
      allowed = c.allowed;
      extension = c.extension;
      paused = c.paused;
      state = c.state;
      pausedAt = c.pausedAt;
      scheduleVersion = c.scheduleVersion;
      fired = c.fired;
      quiet = c.quiet;
    }

    private void due(Deadline due) {
      deadline = due.at();
      provisional = due.provisional();
    }

    private SlaClock clock() {
      return new SlaClock(
          name,
          policy,
          startedAt,
          deadline,
          provisional,
          allowed,
          extension,
          paused,
          state,
          pausedAt,
          scheduleVersion,
          fired,
          quiet);
    }
  }
}
