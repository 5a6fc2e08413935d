package id.aduan.sla.domain;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The counting rule (docs/sla-counting.md): the day of receipt is day 0 and the deadline is the
 * close of office hours on the Nth working day after it. Something received after office hours or
 * on a day off counts as received at the opening of the next working day, which becomes day 0.
 */
public final class WorkingDays {

  private final ZoneId zone;
  private final LocalTime open;
  private final LocalTime close;
  private final Predicate<LocalDate> dayOff;

  /**
   * @param dayOff true for a day the office is closed besides weekends (holidays, cuti bersama)
   */
  public WorkingDays(ZoneId zone, LocalTime open, LocalTime close, Predicate<LocalDate> dayOff) {
    this.zone = zone;
    this.open = open;
    this.close = close;
    this.dayOff = dayOff;
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
    while (!isWorkingDay(next)) {
      next = next.plusDays(1);
    }
    return next;
  }

  public LocalTime open() {
    return open;
  }
}
