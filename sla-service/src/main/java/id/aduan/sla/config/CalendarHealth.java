package id.aduan.sla.config;

import id.aduan.sla.domain.HolidayCalendar;
import id.aduan.sla.persistence.CalendarFile;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.stream.IntStream;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Says loudly when the calendar lacks the decree of this year or the next, the years the deadlines
 * of open cases reach into: health details name the year, and the gauge {@code
 * aduan.sla.calendar.decree.missing{year}} is 1 for it and 0 for a year that is loaded (an alert
 * rule watches it). The service stays UP: deadlines are still computed, marked provisional.
 */
@Component("slaCalendar")
public class CalendarHealth implements HealthIndicator {

  private final CalendarFile calendar;
  private final Clock clock;
  private final MultiGauge missingDecrees;

  public CalendarHealth(CalendarFile calendar, Clock clock, MeterRegistry meters) {
    this.calendar = calendar;
    this.clock = clock;
    this.missingDecrees =
        MultiGauge.builder("aduan.sla.calendar.decree.missing")
            .description("1 for a year (this one or the next) whose holiday decree is not loaded")
            .register(meters);
    refreshMetric();
  }

  /** Re-reads the calendar in force into the gauge; called after every reload check. */
  public void refreshMetric() {
    int year = thisYear();
    missingDecrees.register(
        IntStream.rangeClosed(year, year + 1)
            .mapToObj(
                y -> MultiGauge.Row.of(Tags.of("year", String.valueOf(y)), missing(y) ? 1 : 0))
            .toList(),
        true);
  }

  private int thisYear() {
    // WIB is the westernmost agency zone; the year turns there last.
    return clock.instant().atZone(ZoneId.of("Asia/Jakarta")).getYear();
  }

  private boolean missing(int year) {
    return !calendar.current().hasDecree(year);
  }

  /** The years (this one and the next) whose decree is not loaded. */
  List<Integer> missingYears() {
    int year = thisYear();
    return IntStream.rangeClosed(year, year + 1).filter(this::missing).boxed().toList();
  }

  @Override
  public Health health() {
    HolidayCalendar current = calendar.current();
    Health.Builder health =
        Health.up()
            .withDetail("source", calendar.source())
            .withDetail("decrees", current.decreeYears());
    List<Integer> missing = missingYears();
    if (!missing.isEmpty()) {
      health
          .withDetail("missingDecrees", missing)
          .withDetail(
              "warning",
              "no holiday decree loaded for "
                  + missing
                  + ": deadlines reaching into it count only weekends and are provisional");
    }
    return health.build();
  }
}
