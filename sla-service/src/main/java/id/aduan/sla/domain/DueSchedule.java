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
  public record Due(String level, Instant at) {}

  public static final String BREACH = "breach";

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
      if (fraction <= 0 || fraction >= 1) {
        throw new IllegalArgumentException("a warning fraction lies between 0 and 1: " + fraction);
      }
      Duration used = Duration.ofSeconds(Math.round(allowed.toSeconds() * fraction));
      due.add(new Due(warningLevel(fraction), days.addWorkingTime(startedAt, used)));
    }
    due.add(new Due(BREACH, deadline));
    for (int i = 0; i < chain.size(); i++) {
      due.add(new Due(escalationLevel(i + 1), deadline.plus(chain.get(i).after())));
    }
    return due;
  }

  public static String warningLevel(double fraction) {
    return "warning:" + fraction;
  }

  public static String escalationLevel(int level) {
    return "escalation:" + level;
  }

  /** The fraction of a {@code warning:<fraction>} level. */
  public static double fractionOf(String level) {
    return Double.parseDouble(level.substring("warning:".length()));
  }

  /** The step (1, 2, ...) of an {@code escalation:<n>} level. */
  public static int stepOf(String level) {
    return Integer.parseInt(level.substring("escalation:".length()));
  }
}
