package id.aduan.sla.scheduling;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.contracts.SlaEvent;
import id.aduan.contracts.Topics;
import id.aduan.sla.config.CalendarHealth;
import id.aduan.sla.domain.CalendarFileException;
import id.aduan.sla.domain.SlaClock;
import id.aduan.sla.domain.SlaDuration;
import id.aduan.sla.domain.WorkingDays;
import id.aduan.sla.persistence.CalendarFile;
import id.aduan.sla.persistence.SlaClockDocument;
import id.aduan.sla.persistence.SlaClocks;
import id.aduan.support.messaging.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collections;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Picks up an operator's change to the holiday calendar without a release, and recomputes the
 * deadline of every running clock whose window covers a changed date; each moved deadline is
 * announced as a {@code SlaDeadlineChanged}.
 */
@Component
public class CalendarReload {

  private static final Logger log = LoggerFactory.getLogger(CalendarReload.class);
  // The agencies span WIB to WIT: a local date starts at most 9 h before it does in UTC.
  private static final ZoneId EARLIEST = ZoneId.of("Asia/Jayapura");
  private static final ZoneId LATEST = ZoneId.of("Asia/Jakarta");

  private final CalendarFile calendar;
  private final CalendarHealth health;
  private final SlaClocks clocks;
  private final AgencyCatalog agencies;
  private final Outbox outbox;
  private final ClockSchedules schedules;
  private final MeterRegistry meters;
  private final Clock clock;

  CalendarReload(
      CalendarFile calendar,
      CalendarHealth health,
      SlaClocks clocks,
      AgencyCatalog agencies,
      Outbox outbox,
      ClockSchedules schedules,
      MeterRegistry meters,
      Clock clock) {
    this.calendar = calendar;
    this.health = health;
    this.clocks = clocks;
    this.agencies = agencies;
    this.outbox = outbox;
    this.schedules = schedules;
    this.meters = meters;
    this.clock = clock;
  }

  @Scheduled(fixedDelayString = "${aduan.sla.calendar.reload-interval:1m}")
  public void check() {
    Set<LocalDate> changed;
    try {
      changed = calendar.reloadIfChanged();
    } catch (CalendarFileException e) {
      // The message names the file, the line and the reason; it holds no personal data.
      log.error("holiday calendar change refused, the calendar in force stays: {}", e.getMessage());
      meters.counter("aduan.sla.calendar.reloads", "outcome", "refused").increment();
      return;
    } finally {
      health.refreshMetric();
    }
    if (changed.isEmpty()) {
      return;
    }
    meters.counter("aduan.sla.calendar.reloads", "outcome", "changed").increment();
    int moved = recompute(changed);
    log.info(
        "holiday calendar reloaded: {} dates changed, {} deadlines moved", changed.size(), moved);
  }

  /** Recomputes the running clocks covering any of {@code changed}; returns how many moved. */
  int recompute(Set<LocalDate> changed) {
    LocalDate first = Collections.min(changed);
    LocalDate last = Collections.max(changed);
    int moved = 0;
    for (SlaClockDocument running :
        clocks.runningOverlapping(
            first.atStartOfDay(EARLIEST).toInstant(),
            last.plusDays(1).atStartOfDay(LATEST).toInstant())) {
      Agency agency = agencies.byCode(running.agencyCode()).orElse(null);
      if (agency == null || running.duration() == null || !covers(running, agency, changed)) {
        continue;
      }
      WorkingDays days = calendar.workingDaysOf(agency);
      SlaClock current = running.slaClock();
      SlaClock recomputed =
          current
              .reterm(
                  current.policy(),
                  SlaDuration.parse(running.duration()),
                  current.extension(),
                  days)
              .clock();
      if (recomputed.deadline().equals(running.deadline())
          && recomputed.provisional() == running.provisional()) {
        continue;
      }
      SlaEvent.SlaDeadlineChanged event =
          new SlaEvent.SlaDeadlineChanged(
              UUID.randomUUID().toString(),
              clock.instant(),
              running.caseId(),
              running.ticket(),
              running.agencyCode(),
              running.clock(),
              recomputed.deadline(),
              recomputed.provisional(),
              "holiday calendar changed");
      var movedClock =
          clocks.moveDeadline(
              running.id(),
              running.deadline(),
              recomputed.deadline(),
              recomputed.provisional(),
              outbox.entry(Topics.SLA_EVENTS, running.caseId(), event, running.ticket()));
      if (movedClock.isPresent()) {
        schedules.file(movedClock.get());
        moved++;
        meters
            .counter("aduan.sla.deadlines.moved", "agency", agency.code(), "reason", "calendar")
            .increment();
      }
    }
    return moved;
  }

  private static boolean covers(SlaClockDocument running, Agency agency, Set<LocalDate> changed) {
    LocalDate from = running.startedAt().atZone(agency.timeZone()).toLocalDate();
    LocalDate to = running.deadline().atZone(agency.timeZone()).toLocalDate();
    return changed.stream().anyMatch(d -> !d.isBefore(from) && !d.isAfter(to));
  }
}
