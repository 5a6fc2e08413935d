package id.aduan.sla.domain;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.IntPredicate;
import java.util.function.Predicate;

/**
 * An agency's working time and the counting rule (docs/sla-counting.md): the day of receipt is day
 * 0 and the deadline is the close of office hours on the Nth working day after it. Something
 * received after office hours or on a day off counts as received at the opening of the next working
 * day, which becomes day 0.
 */
public final class WorkingDays {

  /** No period is counted further than this; a calendar with no working day at all fails. */
  private static final int MAX_DAYS = 3 * 366;

  private final ZoneId zone;
  private final LocalTime open;
  private final LocalTime close;
  private final Predicate<LocalDate> dayOff;
  private final IntPredicate hasDecree;

  /**
   * @param dayOff true for a day the office is closed besides weekends (holidays, cuti bersama)
   */
  public WorkingDays(ZoneId zone, LocalTime open, LocalTime close, Predicate<LocalDate> dayOff) {
    this(zone, open, close, dayOff, year -> true);
  }

  /**
   * An agency's working days: the national calendar, the agency's own extra days off, its office
   * hours and its time zone. Deadlines reaching into a year without a decree are provisional.
   */
  public WorkingDays(
      ZoneId zone,
      LocalTime open,
      LocalTime close,
      HolidayCalendar national,
      Set<LocalDate> agencyDaysOff) {
    this(
        zone,
        open,
        close,
        day -> national.isDayOff(day) || agencyDaysOff.contains(day),
        national::hasDecree);
  }

  private WorkingDays(
      ZoneId zone,
      LocalTime open,
      LocalTime close,
      Predicate<LocalDate> dayOff,
      IntPredicate hasDecree) {
    if (!open.isBefore(close)) {
      throw new IllegalArgumentException("office hours must open before they close");
    }
    this.zone = zone;
    this.open = open;
    this.close = close;
    this.dayOff = dayOff;
    this.hasDecree = hasDecree;
  }

  private static final Set<DayOfWeek> WEEKEND = Set.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY);

  public boolean isWorkingDay(LocalDate day) {
    return !WEEKEND.contains(day.getDayOfWeek()) && !dayOff.test(day);
  }

  /** Day 0 of something received at {@code receivedAt}. */
  public LocalDate dayZero(Instant receivedAt) {
    ZonedDateTime local = receivedAt.atZone(zone);
    LocalDate day = local.toLocalDate();
    if (!isWorkingDay(day) || !local.toLocalTime().isBefore(close)) {
      day = nextWorkingDay(day);
    }
    return day;
  }

  public Instant deadline(Instant receivedAt, int workingDays) {
    if (workingDays < 0) {
      throw new IllegalArgumentException("a deadline cannot be negative");
    }
    LocalDate day = dayZero(receivedAt);
    for (int i = 0; i < workingDays; i++) {
      day = nextWorkingDay(day);
    }
    return day.atTime(close).atZone(zone).toInstant();
  }

  private LocalDate nextWorkingDay(LocalDate day) {
    LocalDate next = day.plusDays(1);
    for (int i = 0; !isWorkingDay(next); i++) {
      if (i > MAX_DAYS) {
        throw new IllegalStateException("no working day within " + MAX_DAYS + " days of " + day);
      }
      next = next.plusDays(1);
    }
    return next;
  }

  /** The deadline of a stage of {@code duration} for something received at {@code receivedAt}. */
  public Deadline deadline(Instant receivedAt, SlaDuration duration) {
    Instant at =
        switch (duration.unit()) {
          case WORKING_DAYS -> deadline(receivedAt, duration.amount());
          case CALENDAR_DAYS ->
              dayZero(receivedAt)
                  .plusDays(duration.amount())
                  .atTime(close)
                  .atZone(zone)
                  .toInstant();
          case WORKING_HOURS -> addWorkingTime(receivedAt, Duration.ofHours(duration.amount()));
          case HOURS -> receivedAt.plus(Duration.ofHours(duration.amount()));
        };
    return duration.unit() == SlaDuration.Unit.HOURS
        ? new Deadline(at, Set.of())
        : new Deadline(at, yearsWithoutDecree(receivedAt, at));
  }

  /**
   * The deadline after a pause: it moves by the working time that passed between {@code pausedAt}
   * and {@code resumedAt}, so a pause over a weekend or a holiday costs the agency nothing and
   * gives it nothing.
   */
  public Deadline resumed(Instant deadline, Instant pausedAt, Instant resumedAt) {
    Duration paused = workingTimeBetween(pausedAt, resumedAt);
    Instant moved = paused.isZero() ? deadline : addWorkingTime(deadline, paused);
    return new Deadline(moved, yearsWithoutDecree(pausedAt, moved));
  }

  /**
   * A deadline extended by {@code by} (e.g. a PPID request's 7 working days): the same local time
   * on the Nth working day (or calendar day) after the current deadline's day, or {@code by} more
   * office time or clock time.
   */
  public Deadline extend(Instant deadline, SlaDuration by) {
    ZonedDateTime local = deadline.atZone(zone);
    Instant at =
        switch (by.unit()) {
          case WORKING_DAYS -> {
            LocalDate day = local.toLocalDate();
            for (int i = 0; i < by.amount(); i++) {
              day = nextWorkingDay(day);
            }
            yield day.atTime(local.toLocalTime()).atZone(zone).toInstant();
          }
          case CALENDAR_DAYS -> local.plusDays(by.amount()).toInstant();
          case WORKING_HOURS -> addWorkingTime(deadline, Duration.ofHours(by.amount()));
          case HOURS -> deadline.plus(Duration.ofHours(by.amount()));
        };
    return new Deadline(at, yearsWithoutDecree(deadline, at));
  }

  /**
   * The whole deadline of a clock: {@code allowed} from {@code startedAt}, then the extension if
   * one was granted, then the office time the clock spent paused. Recomputing it after a calendar
   * change or a reclassification gives the same result as the steps that built it.
   */
  public Deadline deadline(
      Instant startedAt, SlaDuration allowed, SlaDuration extension, Duration paused) {
    Deadline base = deadline(startedAt, allowed);
    if (extension.amount() == 0 && paused.isZero()) {
      return base;
    }
    Instant at = base.at();
    if (extension.amount() > 0) {
      at = extend(at, extension).at();
    }
    if (!paused.isZero()) {
      at = addWorkingTime(at, paused);
    }
    return new Deadline(at, yearsWithoutDecree(startedAt, at));
  }

  /** Office time on working days between two instants. */
  public Duration workingTimeBetween(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      return Duration.ZERO;
    }
    ZonedDateTime start = from.atZone(zone);
    ZonedDateTime end = to.atZone(zone);
    Duration total = Duration.ZERO;
    for (LocalDate day = start.toLocalDate();
        !day.isAfter(end.toLocalDate());
        day = day.plusDays(1)) {
      if (!isWorkingDay(day)) {
        continue;
      }
      ZonedDateTime opening = day.atTime(open).atZone(zone);
      ZonedDateTime closing = day.atTime(close).atZone(zone);
      ZonedDateTime a = start.isAfter(opening) ? start : opening;
      ZonedDateTime b = end.isBefore(closing) ? end : closing;
      if (b.isAfter(a)) {
        total = total.plus(Duration.between(a, b));
      }
    }
    return total;
  }

  /** The instant at which {@code amount} of office time has passed after {@code from}. */
  public Instant addWorkingTime(Instant from, Duration amount) {
    ZonedDateTime t = from.atZone(zone);
    LocalDate day = t.toLocalDate();
    LocalTime time = t.toLocalTime();
    Duration left = amount;
    for (int i = 0; i <= MAX_DAYS; i++) {
      if (isWorkingDay(day)) {
        LocalTime start = time.isBefore(open) ? open : time;
        if (start.isBefore(close)) {
          Duration available = Duration.between(start, close);
          if (left.compareTo(available) <= 0) {
            return day.atTime(start).plus(left).atZone(zone).toInstant();
          }
          left = left.minus(available);
        }
      }
      day = day.plusDays(1);
      time = LocalTime.MIN;
    }
    throw new IllegalStateException("no office time within " + MAX_DAYS + " days of " + from);
  }

  /** The years a period touches whose holiday decree is not loaded. */
  private Set<Integer> yearsWithoutDecree(Instant from, Instant to) {
    int first = from.atZone(zone).getYear();
    int last = to.atZone(zone).getYear();
    Set<Integer> missing = new TreeSet<>();
    for (int year = first; year <= last; year++) {
      if (!hasDecree.test(year)) {
        missing.add(year);
      }
    }
    return missing;
  }

  public ZoneId zone() {
    return zone;
  }

  public LocalTime open() {
    return open;
  }
}
