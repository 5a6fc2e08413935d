package id.aduan.sla.scheduling;

import id.aduan.contracts.SlaEvent;
import id.aduan.contracts.Topics;
import id.aduan.messaging.Outbox;
import id.aduan.sla.domain.DueSchedule;
import id.aduan.sla.persistence.DueSlots;
import id.aduan.sla.persistence.FiredLevels;
import id.aduan.sla.persistence.SlaClockDocument;
import id.aduan.sla.persistence.SlaClocks;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Fires what is due: warnings, breaches and escalations. Each run reads the buckets from the last
 * finished one up to now (their entries by id, so the cost follows what is due, not how many clocks
 * are open), fires every entry whose moment has come through a conditional write on its clock (so
 * each level fires once per clock, however many instances scan), and publishes the events.
 */
@Component
public class DeadlineScan {

  private static final Logger log = LoggerFactory.getLogger(DeadlineScan.class);
  private final DueSlots slots;
  private final SlaClocks clocks;
  private final FiredLevels fired;
  private final ClockSchedules schedules;
  private final Outbox outbox;
  private final MeterRegistry meters;
  private final Timer scanTime;
  private final Clock clock;

  DeadlineScan(
      DueSlots slots,
      SlaClocks clocks,
      FiredLevels fired,
      ClockSchedules schedules,
      Outbox outbox,
      MeterRegistry meters,
      Clock clock) {
    this.slots = slots;
    this.clocks = clocks;
    this.fired = fired;
    this.schedules = schedules;
    this.outbox = outbox;
    this.meters = meters;
    this.scanTime = Timer.builder("aduan.sla.scan").register(meters);
    this.clock = clock;
  }

  /** What one run did. */
  public record Result(int read, int fired, int stale) {}

  @Scheduled(fixedDelayString = "${aduan.sla.scan.interval:1s}")
  void scheduled() {
    try {
      scan();
    } catch (RuntimeException e) {
      // The next run starts from the last finished bucket, so nothing is skipped.
      log.warn("deadline scan failed, retrying on the next run: {}", e.getMessage());
    }
  }

  public Result scan() {
    return scanTime.record(this::scanOnce);
  }

  private Result scanOnce() {
    Instant now = clock.instant();
    long current = slots.bucketOf(now);
    OptionalLong finished = slots.finished();
    if (finished.isEmpty()) {
      return new Result(0, 0, 0);
    }
    int read = 0;
    int fired = 0;
    int stale = 0;
    for (var filled : slots.filled(finished.getAsLong() + 1, current).entrySet()) {
      long bucket = filled.getKey();
      List<DueSlots.Entry> entries = slots.entries(bucket, filled.getValue());
      read += entries.size();
      Map<String, SlaClockDocument> owners =
          clocks.byIds(
              entries.stream()
                  .filter(e -> !e.at().isAfter(now))
                  .map(DueSlots.Entry::clockId)
                  .collect(Collectors.toSet()));
      for (DueSlots.Entry entry : entries) {
        if (entry.at().isAfter(now)) {
          continue;
        }
        switch (fire(owners.get(entry.clockId()), entry, now)) {
          case FIRED -> fired++;
          case STALE -> stale++;
          case ALREADY -> {}
        }
      }
      if (bucket < current) {
        slots.drop(bucket, entries);
      }
    }
    // Every bucket before the current one is done; the current one is read again next time.
    slots.finish(current - 1);
    return new Result(read, fired, stale);
  }

  private enum Outcome {
    FIRED,
    STALE,
    ALREADY
  }

  /**
   * Fires one due entry: only if its clock still runs on the entry's schedule version and the level
   * is not announced yet, and only by whoever claims the level first (a unique insert by id, so two
   * instances scanning at once cannot both fire it). A clock that changed between the check and the
   * claim gives the claim back unpublished.
   */
  private Outcome fire(@Nullable SlaClockDocument running, DueSlots.Entry entry, Instant now) {
    if (!onSchedule(running, entry)) {
      return Outcome.STALE;
    }
    if (running.fired().contains(entry.level())) {
      return Outcome.ALREADY;
    }
    String claim = running.claimOf(entry.level());
    Outbox.Entry event =
        outbox.entry(
            Topics.SLA_EVENTS,
            running.caseId(),
            eventFor(running, entry.level()),
            running.ticket());
    if (!fired.claim(claim, running.id(), event)) {
      return Outcome.ALREADY;
    }
    if (!onSchedule(clocks.markFired(running.id(), entry.level()).orElse(null), entry)) {
      fired.release(claim);
      clocks.unmarkFired(running.id(), entry.level());
      return Outcome.STALE;
    }
    String kind =
        entry.level().contains(":")
            ? entry.level().substring(0, entry.level().indexOf(':'))
            : entry.level();
    meters.counter("aduan.sla.fired", "agency", running.agencyCode(), "level", kind).increment();
    meters
        .timer("aduan.sla.fired.lateness", "level", kind)
        .record(
            Duration.between(entry.at(), now).isNegative()
                ? Duration.ZERO
                : Duration.between(entry.at(), now));
    outbox.publish(List.of(event), e -> fired.published(claim));
    return Outcome.FIRED;
  }

  private static boolean onSchedule(@Nullable SlaClockDocument clock, DueSlots.Entry entry) {
    return clock != null
        && SlaClocks.RUNNING.equals(clock.state())
        && clock.scheduleVersion() == entry.version();
  }

  private SlaEvent eventFor(SlaClockDocument c, String level) {
    String id = UUID.randomUUID().toString();
    Instant at = clock.instant();
    if (level.equals(DueSchedule.BREACH)) {
      return new SlaEvent.SlaBreached(
          id, at, c.caseId(), c.ticket(), c.agencyCode(), c.clock(), c.deadline(), c.division());
    }
    if (level.startsWith("warning:")) {
      return new SlaEvent.SlaWarning(
          id,
          at,
          c.caseId(),
          c.ticket(),
          c.agencyCode(),
          c.clock(),
          DueSchedule.fractionOf(level),
          c.deadline(),
          c.division());
    }
    int step = DueSchedule.stepOf(level);
    return new SlaEvent.SlaEscalated(
        id,
        at,
        c.caseId(),
        c.ticket(),
        c.agencyCode(),
        c.clock(),
        step,
        schedules.chainOf(c.agencyCode()).get(step - 1).role(),
        c.deadline());
  }
}
