package id.aduan.sla.scheduling;

import id.aduan.contracts.SlaEvent;
import id.aduan.contracts.Topics;
import id.aduan.sla.domain.DueLevel;
import id.aduan.sla.domain.SlaClock;
import id.aduan.sla.persistence.DueSlots;
import id.aduan.sla.persistence.FiredLevels;
import id.aduan.sla.persistence.SlaClockDocument;
import id.aduan.sla.persistence.SlaClocks;
import id.aduan.support.messaging.Outbox;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
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
    // Closed before they are read: whatever is filed into them from now on goes to a later bucket,
    // so an instance whose clock lags cannot file into a bucket this scan has passed.
    slots.close(current - 1);
    int read = 0;
    int fired = 0;
    int stale = 0;
    for (var filled : slots.filled(finished.getAsLong() + 1, current).entrySet()) {
      long bucket = filled.getKey();
      List<DueSlots.Entry> entries = slots.entries(bucket, filled.getValue());
      read += entries.size();
      Outcomes outcomes = fire(entries.stream().filter(e -> !e.at().isAfter(now)).toList(), now);
      fired += outcomes.fired();
      stale += outcomes.stale();
      if (bucket < current) {
        slots.drop(bucket, entries);
      }
    }
    // Every bucket before the current one is done; the current one is read again next time.
    slots.finish(current - 1);
    return new Result(read, fired, stale);
  }

  private record Outcomes(int fired, int stale) {}

  /** A due entry whose clock is on schedule, with its claim and event. */
  private record Candidate(
      DueSlots.Entry entry, DueLevel level, SlaClockDocument clock, FiredLevels.Wanted claim) {}

  /**
   * Fires the due entries of one bucket: an entry fires only if its clock still runs on the entry's
   * schedule version and has not announced the level, and only for whoever claims the level first
   * (a unique insert by id, so two instances scanning at once cannot both fire it). A clock that
   * changed between the check and the claim gets the claim back unpublished. Every operation is by
   * {@code _id} and batched per bucket: a read of the clocks, one insert of the claims, one bulk
   * update of the clocks, a second read, one update of the published claims
   * (docs/adr/0017-fired-levels-claimed-by-id.md).
   */
  private Outcomes fire(List<DueSlots.Entry> due, Instant now) {
    if (due.isEmpty()) {
      return new Outcomes(0, 0);
    }
    Map<String, SlaClockDocument> owners =
        clocks.byIds(due.stream().map(DueSlots.Entry::clockId).collect(Collectors.toSet()));
    int stale = 0;
    Map<String, Candidate> candidates = new LinkedHashMap<>();
    for (DueSlots.Entry entry : due) {
      SlaClockDocument running = owners.get(entry.clockId());
      DueLevel level = entry.dueLevel();
      SlaClock.Decision decision =
          running == null
              ? SlaClock.Decision.STALE
              : running.slaClock().due(level, entry.version(), entry.at(), now);
      if (decision == SlaClock.Decision.STALE) {
        stale++;
        continue;
      }
      String claimId = running.claimOf(level.key());
      if (decision != SlaClock.Decision.FIRE || candidates.containsKey(claimId)) {
        continue;
      }
      SlaEvent event = eventFor(running, level);
      candidates.put(
          claimId,
          new Candidate(
              entry,
              level,
              running,
              new FiredLevels.Wanted(
                  claimId,
                  running.id(),
                  outbox.entry(Topics.SLA_EVENTS, running.caseId(), event, running.ticket()))));
    }
    Set<String> won = fired.claimAll(candidates.values().stream().map(Candidate::claim).toList());
    List<Candidate> ours =
        candidates.values().stream().filter(c -> won.contains(c.claim().claimId())).toList();
    clocks.markFiredAll(
        ours.stream().map(c -> Map.entry(c.clock().id(), c.entry().level())).toList());
    Map<String, SlaClockDocument> after =
        clocks.byIds(ours.stream().map(c -> c.clock().id()).collect(Collectors.toSet()));
    List<String> published = new ArrayList<>();
    try {
      for (Candidate c : ours) {
        SlaClockDocument changed = after.get(c.clock().id());
        if (changed == null
            || changed.slaClock().due(c.level(), c.entry().version(), c.entry().at(), now)
                == SlaClock.Decision.STALE) {
          fired.release(c.claim().claimId());
          clocks.unmarkFired(c.clock().id(), c.entry().level());
          stale++;
          continue;
        }
        count(c, now);
        outbox.publish(List.of(c.claim().event()), e -> published.add(c.claim().claimId()));
      }
    } finally {
      // What Kafka did not acknowledge stays pending for OutboxSweep.
      fired.publishedAll(published);
    }
    return new Outcomes(published.size(), stale);
  }

  private void count(Candidate c, Instant now) {
    String kind = c.level().kind();
    meters.counter("aduan.sla.fired", "agency", c.clock().agencyCode(), "level", kind).increment();
    Duration late = Duration.between(c.entry().at(), now);
    meters
        .timer("aduan.sla.fired.lateness", "level", kind)
        .record(late.isNegative() ? Duration.ZERO : late);
  }

  private SlaEvent eventFor(SlaClockDocument c, DueLevel level) {
    String id = UUID.randomUUID().toString();
    Instant at = clock.instant();
    return switch (level) {
      case DueLevel.Breach b ->
          new SlaEvent.SlaBreached(
              id,
              at,
              c.caseId(),
              c.ticket(),
              c.agencyCode(),
              c.clock(),
              c.deadline(),
              c.division());
      case DueLevel.Warning w ->
          new SlaEvent.SlaWarning(
              id,
              at,
              c.caseId(),
              c.ticket(),
              c.agencyCode(),
              c.clock(),
              w.fraction(),
              c.deadline(),
              c.division());
      case DueLevel.Escalation e ->
          new SlaEvent.SlaEscalated(
              id,
              at,
              c.caseId(),
              c.ticket(),
              c.agencyCode(),
              c.clock(),
              e.step(),
              schedules.chainOf(c.agencyCode()).get(e.step() - 1).role(),
              c.deadline());
    };
  }
}
