package id.aduan.sla.scheduling;

import id.aduan.sla.persistence.FiredLevels;
import id.aduan.sla.persistence.SlaClocks;
import id.aduan.support.messaging.Outbox;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes the events a crash or a Kafka outage left in the outboxes of SLA clocks. The consumer
 * that wrote an event publishes it at once; this only catches up, so an event may go out twice,
 * which every consumer absorbs by its event id.
 */
@Component
class OutboxSweep {

  private final SlaClocks store;
  private final FiredLevels fired;
  private final Outbox outbox;

  OutboxSweep(SlaClocks store, FiredLevels fired, Outbox outbox) {
    this.store = store;
    this.fired = fired;
    this.outbox = outbox;
  }

  @Scheduled(fixedDelayString = "${aduan.sla.outbox-sweep-interval:1s}")
  void sweep() {
    store.sweep(outbox, 100);
    fired.sweep(outbox, 100);
  }
}
