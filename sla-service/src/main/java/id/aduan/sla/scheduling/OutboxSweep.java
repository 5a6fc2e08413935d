package id.aduan.sla.scheduling;

import id.aduan.sla.persistence.FiredLevels;
import id.aduan.sla.persistence.SlaClocks;
import id.aduan.support.messaging.Outbox;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes the events a crash or a Kafka outage left in the outboxes of SLA clocks and level
 * claims. The writer of an event publishes it at once and then removes it; a sweep that read the
 * entry in between published it a second time with the same id (docs/reliability.md counted 6 to 26
 * such records per fault, harmless since consumers drop them by id, but wasted). So the sweep
 * publishes an entry only once it has seen it pending for {@code aduan.sla.outbox-sweep-grace}
 * (default 5 s): long enough for its writer to be done, short enough for what a crash left. Repeats
 * that remain are inherent to at-least-once publication (an acknowledgement lost to a broker crash,
 * a redelivered input racing the sweep after the grace); consumers absorb them by event id.
 */
@Component
class OutboxSweep {

  private static final int BATCH = 100;

  private final SlaClocks store;
  private final FiredLevels fired;
  private final Outbox outbox;
  private final Clock clock;
  private final Duration grace;

  /** When this instance first saw each pending entry (by event id); only the sweep's thread. */
  private final Map<String, Instant> firstSeen = new HashMap<>();

  OutboxSweep(
      SlaClocks store,
      FiredLevels fired,
      Outbox outbox,
      Clock clock,
      @Value("${aduan.sla.outbox-sweep-grace:5s}") Duration grace) {
    this.store = store;
    this.fired = fired;
    this.outbox = outbox;
    this.clock = clock;
    this.grace = grace;
  }

  @Scheduled(fixedDelayString = "${aduan.sla.outbox-sweep-interval:1s}")
  void sweep() {
    Instant now = clock.instant();
    Set<String> pending = new HashSet<>();
    Predicate<Outbox.Entry> due =
        entry -> {
          pending.add(entry.eventId());
          Instant seen = firstSeen.computeIfAbsent(entry.eventId(), id -> now);
          return !now.isBefore(seen.plus(grace));
        };
    store.sweep(outbox, BATCH, due);
    fired.sweep(outbox, BATCH, due);
    // What is no longer pending (published by its writer, or now by the sweep) is forgotten.
    firstSeen.keySet().retainAll(pending);
  }
}
