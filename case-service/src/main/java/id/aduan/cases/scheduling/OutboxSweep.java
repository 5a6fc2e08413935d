package id.aduan.cases.scheduling;

import id.aduan.cases.messaging.OutboxRelay;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** The relay's periodic sweep of the outboxes a crash or a Kafka outage left behind. */
@Component
class OutboxSweep {

  private final OutboxRelay relay;

  OutboxSweep(OutboxRelay relay) {
    this.relay = relay;
  }

  @Scheduled(fixedDelayString = "${aduan.cases.outbox-sweep-interval:1s}")
  void sweep() {
    relay.sweep();
  }
}
