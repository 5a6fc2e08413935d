package id.aduan.cases.messaging;

import id.aduan.cases.application.CaseEvents;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.cases.persistence.Cases;
import id.aduan.support.messaging.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Publishes the events waiting in cases' outboxes and then removes them. The consumer that wrote an
 * event publishes it straight away ({@link CaseEvents}); the scheduled sweep picks up whatever a
 * crash or a Kafka outage left behind. An event may be published twice (crash between publish and
 * removal); every consumer is idempotent on {@code eventId}.
 */
@Component
public class OutboxRelay implements CaseEvents {

  private static final Logger log = LoggerFactory.getLogger(OutboxRelay.class);
  private final Cases cases;
  private final Outbox outbox;

  OutboxRelay(Cases cases, Outbox outbox) {
    this.cases = cases;
    this.outbox = outbox;
  }

  /**
   * Publishes a case's pending events, then empties its outbox in one write while the case is at
   * the version it was written or read at (issue 20); entry by entry when it moved since. Throws
   * when Kafka does not acknowledge.
   */
  @Override
  public void publish(CaseDocument doc) {
    // A case just inserted is stored at version 0 (its version is set on insert).
    long version = doc.version() == null ? 0 : doc.version();
    outbox.publishAll(
        doc.outbox(),
        () -> cases.emptyOutbox(doc.id(), version),
        entry -> cases.markPublished(doc.id(), entry.eventId()));
  }

  /** Publishes what is left in outboxes; run by {@code scheduling/OutboxSweep}. */
  public void sweep() {
    for (CaseDocument doc : cases.withPendingOutbox(100)) {
      try {
        publish(doc);
      } catch (RuntimeException e) {
        log.warn("outbox of case {} not published yet: {}", doc.id(), e.getMessage());
        return;
      }
    }
  }
}
