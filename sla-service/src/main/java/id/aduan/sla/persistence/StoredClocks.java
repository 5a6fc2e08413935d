package id.aduan.sla.persistence;

import id.aduan.contracts.SlaEvent;
import id.aduan.contracts.Topics;
import id.aduan.sla.application.ClockRepository;
import id.aduan.sla.application.TrackedClock;
import id.aduan.sla.domain.DueLevel;
import id.aduan.sla.domain.SlaClock;
import id.aduan.sla.domain.SlaDuration;
import id.aduan.support.messaging.Outbox;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Repository;

/**
 * {@link ClockRepository} on MongoDB: each change is the conditional {@code findAndModify} of
 * {@link SlaClocks} that fits it (a pause needs a running clock, a resume the pause it ends, new
 * terms the schedule version they were computed on...), with the event queued in the same write.
 */
@Repository
class StoredClocks implements ClockRepository {

  private final SlaClocks clocks;
  private final FiredLevels fired;
  private final Outbox outbox;

  StoredClocks(SlaClocks clocks, FiredLevels fired, Outbox outbox) {
    this.clocks = clocks;
    this.fired = fired;
    this.outbox = outbox;
  }

  @Override
  public Optional<TrackedClock> byId(String id) {
    return clocks.byId(id).map(SlaClockDocument::tracked);
  }

  @Override
  public List<TrackedClock> ofCase(String caseId) {
    return clocks.ofCase(caseId).stream().map(SlaClockDocument::tracked).toList();
  }

  @Override
  public Optional<TrackedClock> insert(TrackedClock tracked, SlaEvent event) {
    SlaClock c = tracked.clock();
    SlaClockDocument doc =
        new SlaClockDocument(
            tracked.id(),
            tracked.caseId(),
            tracked.ticket(),
            tracked.agencyCode(),
            c.name(),
            c.policy(),
            c.startedAt(),
            c.deadline(),
            c.allowed() == null ? null : c.allowed().text(),
            c.provisional(),
            c.state().name(),
            c.deadline(),
            c.scheduleVersion(),
            c.fired().stream().map(DueLevel::key).toList(),
            c.pausedAt(),
            List.of(entry(event)),
            true,
            c.extension() == null ? null : c.extension().text(),
            c.paused().toSeconds(),
            c.quiet(),
            tracked.division());
    return clocks.insert(doc) ? Optional.of(doc.tracked()) : Optional.empty();
  }

  @Override
  public Optional<TrackedClock> save(TrackedClock before, SlaClock.Change change, SlaEvent event) {
    String id = before.id();
    SlaClock after = change.clock();
    Outbox.Entry entry = entry(event);
    Optional<SlaClockDocument> saved =
        switch (change.event()) {
          case SlaClock.Paused p -> clocks.pause(id, p.at(), entry);
          case SlaClock.Resumed r ->
              clocks.resume(
                  id,
                  Objects.requireNonNull(before.clock().pausedAt()),
                  r.pausedFor().toSeconds(),
                  r.deadline(),
                  r.provisional(),
                  entry);
          case SlaClock.Retermed r ->
              clocks.reterm(
                  id,
                  before.clock().scheduleVersion(),
                  after.policy(),
                  Objects.requireNonNull(after.allowed()).text(),
                  textOf(after.extension()),
                  r.deadline(),
                  r.provisional(),
                  entry);
          case SlaClock.Stopped s -> clocks.stop(id, s.state().name(), entry);
          case SlaClock.Started s ->
              clocks.restart(id, s.startedAt(), s.deadline(), s.provisional(), entry);
        };
    return saved.map(SlaClockDocument::tracked);
  }

  @Override
  public void assignDivision(String id, String division) {
    clocks.assignDivision(id, division);
  }

  /**
   * Publishes the clock's outbox, then empties it in one write while the clock is still on the
   * schedule version it was read at (every write that adds to an outbox moves the version): one
   * round trip instead of two per entry (issue 20); else entry by entry, as before.
   */
  @Override
  public void publishPending(TrackedClock clock) {
    outbox.publishAll(
        clock.outbox(),
        () -> clocks.emptyOutbox(clock.id(), clock.clock().scheduleVersion()),
        e -> clocks.markPublished(clock.id(), e.eventId()));
  }

  @Override
  public void forgetFired(TrackedClock clock) {
    fired.forget(
        clock.clock().fired().stream()
            .map(
                level ->
                    SlaClockDocument.claimOf(clock.id(), clock.clock().startedAt(), level.key()))
            .toList());
  }

  private Outbox.Entry entry(SlaEvent event) {
    return outbox.entry(Topics.SLA_EVENTS, event.caseId(), event, event.ticket());
  }

  private static @Nullable String textOf(@Nullable SlaDuration duration) {
    return duration == null ? null : duration.text();
  }
}
