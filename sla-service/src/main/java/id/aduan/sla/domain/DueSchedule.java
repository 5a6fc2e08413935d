package id.aduan.sla.domain;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The moments something must happen to a running clock: a warning when each configured fraction of
 * the allowed office time is used up, the breach at the deadline, and each step of the escalation
 * chain after the breach. Each moment has a level name that is fired at most once per clock ({@code
 * warning:0.5}, {@code breach}, {@code escalation:1}).
 */
public final class DueSchedule {

  /** One step of an agency's escalation chain: who is told, how long after the breach. */
  public record Escalation(String role, Duration after) {}

  /** Something due at {@code at}. */
  public record Due(DueLevel level, Instant at) {}

  private DueSchedule() {}

  public static List<Due> of(
      Instant startedAt,
      Instant deadline,
      WorkingDays days,
      List<Double> warningFractions,
      List<Escalation> chain) {
    List<Due> due = new ArrayList<>();
    Duration allowed = days.workingTimeBetween(startedAt, deadline);
    for (double fraction : warningFractions) {
      DueLevel.Warning warning = new DueLevel.Warning(fraction);
      Duration used = Duration.ofSeconds(Math.round(allowed.toSeconds() * fraction));
      due.add(new Due(warning, days.addWorkingTime(startedAt, used)));
    }
    due.add(new Due(DueLevel.BREACH, deadline));
    for (int i = 0; i < chain.size(); i++) {
      due.add(new Due(new DueLevel.Escalation(i + 1), deadline.plus(chain.get(i).after())));
    }
    return due;
  }
}
