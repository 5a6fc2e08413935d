package id.aduan.sla.application;

import id.aduan.contracts.ClockState;
import id.aduan.contracts.EventTypes;
import id.aduan.contracts.SlaEvent;
import id.aduan.contracts.Topics;
import id.aduan.sla.domain.SlaClock;
import id.aduan.support.messaging.Outbox;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link ClockRepository} in memory, for tests without MongoDB or Kafka. Each write is conditional
 * as the MongoDB one is (a pause needs a running clock, a resume the pause it ends, new terms the
 * schedule version they were computed on, a stop a live clock, a restart a finished one), queues
 * the event in the clock's outbox, and {@link #publishPending} moves it to {@link #published()}.
 */
public final class InMemoryClocks implements ClockRepository, DueFiling {

  private final Map<String, TrackedClock> clocks = new LinkedHashMap<>();
  private final Map<String, SlaEvent> queued = new HashMap<>();
  private final List<SlaEvent> published = new ArrayList<>();
  private final List<TrackedClock> filed = new ArrayList<>();
  private final List<TrackedClock> forgotten = new ArrayList<>();

  @Override
  public Optional<TrackedClock> byId(String id) {
    return Optional.ofNullable(clocks.get(id));
  }

  @Override
  public List<TrackedClock> ofCase(String caseId) {
    return clocks.values().stream().filter(c -> c.caseId().equals(caseId)).toList();
  }

  @Override
  public Optional<TrackedClock> insert(TrackedClock clock, SlaEvent event) {
    if (clocks.containsKey(clock.id())) {
      return Optional.empty();
    }
    TrackedClock stored = withOutbox(clock, clock.clock(), List.of(entry(clock, event)));
    clocks.put(clock.id(), stored);
    return Optional.of(stored);
  }

  @Override
  public Optional<TrackedClock> save(TrackedClock before, SlaClock.Change change, SlaEvent event) {
    TrackedClock stored = clocks.get(before.id());
    if (stored == null) {
      return Optional.empty();
    }
    SlaClock now = stored.clock();
    boolean applies =
        switch (change.event()) {
          case SlaClock.Paused p -> now.state() == ClockState.RUNNING;
          case SlaClock.Resumed r ->
              now.state() == ClockState.PAUSED
                  && Objects.equals(now.pausedAt(), before.clock().pausedAt());
          case SlaClock.Retermed r ->
              now.live() && now.scheduleVersion() == before.clock().scheduleVersion();
          case SlaClock.Stopped s -> now.live();
          case SlaClock.Started s -> !now.live();
        };
    if (!applies) {
      return Optional.empty();
    }
    SlaClock after = change.clock();
    SlaClock written =
        new SlaClock(
            after.name(),
            after.policy(),
            after.startedAt(),
            after.deadline(),
            after.provisional(),
            after.allowed(),
            after.extension(),
            after.paused(),
            after.state(),
            after.pausedAt(),
            now.scheduleVersion() + 1,
            change.event() instanceof SlaClock.Started ? after.fired() : now.fired(),
            after.quiet());
    List<Outbox.Entry> outbox = new ArrayList<>(stored.outbox());
    outbox.add(entry(stored, event));
    TrackedClock saved = withOutbox(stored, written, outbox);
    clocks.put(saved.id(), saved);
    return Optional.of(saved);
  }

  @Override
  public void assignDivision(String id, String division) {
    TrackedClock c = clocks.get(id);
    clocks.put(
        id,
        new TrackedClock(
            c.id(), c.caseId(), c.ticket(), c.agencyCode(), division, c.clock(), c.outbox()));
  }

  @Override
  public void publishPending(TrackedClock clock) {
    for (Outbox.Entry entry : clock.outbox()) {
      TrackedClock stored = clocks.get(clock.id());
      if (stored.outbox().contains(entry)) {
        published.add(queued.get(entry.eventId()));
        List<Outbox.Entry> rest = new ArrayList<>(stored.outbox());
        rest.remove(entry);
        clocks.put(clock.id(), withOutbox(stored, stored.clock(), rest));
      }
    }
  }

  @Override
  public void forgetFired(TrackedClock clock) {
    forgotten.add(clock);
  }

  @Override
  public void file(TrackedClock running) {
    filed.add(running);
  }

  /** Marks {@code level} announced on a clock, as the deadline scan does. */
  public void fired(String id, id.aduan.sla.domain.DueLevel level) {
    TrackedClock c = clocks.get(id);
    clocks.put(id, withOutbox(c, c.clock().firing(level), c.outbox()));
  }

  /** Every event published so far, in order. */
  public List<SlaEvent> published() {
    return List.copyOf(published);
  }

  /** The clocks whose schedule was filed, in order (each as it was filed). */
  public List<TrackedClock> filed() {
    return List.copyOf(filed);
  }

  /** The stopped clocks whose claims were given up. */
  public List<TrackedClock> forgotten() {
    return List.copyOf(forgotten);
  }

  private Outbox.Entry entry(TrackedClock clock, SlaEvent event) {
    queued.put(event.eventId(), event);
    return new Outbox.Entry(
        event.eventId(),
        Topics.SLA_EVENTS,
        clock.caseId(),
        EventTypes.typeOf(event.getClass()),
        clock.ticket(),
        "",
        null);
  }

  private static TrackedClock withOutbox(
      TrackedClock c, SlaClock clock, List<Outbox.Entry> outbox) {
    return new TrackedClock(
        c.id(), c.caseId(), c.ticket(), c.agencyCode(), c.division(), clock, outbox);
  }
}
