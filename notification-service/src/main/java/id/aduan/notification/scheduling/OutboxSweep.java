package id.aduan.notification.scheduling;

import id.aduan.notification.persistence.Notifications;
import id.aduan.support.messaging.Outbox;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Publishes the events a crash or a Kafka outage left in the outboxes of notification decisions.
 * The consumer that wrote an event publishes it at once; this only catches up, so an event may go
 * out twice, which every consumer absorbs by its event id.
 */
@Component
class OutboxSweep {

  private final Notifications store;
  private final Outbox outbox;

  OutboxSweep(Notifications store, Outbox outbox) {
    this.store = store;
    this.outbox = outbox;
  }

  @Scheduled(fixedDelayString = "${aduan.notification.outbox-sweep-interval:1s}")
  void sweep() {
    store.sweep(outbox, 100);
  }
}
