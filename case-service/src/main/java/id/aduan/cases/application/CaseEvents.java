package id.aduan.cases.application;

import id.aduan.cases.persistence.CaseDocument;

/**
 * Where the use cases hand a written case's pending events on (its embedded outbox, docs/adr/0002):
 * published now, and removed from the outbox once Kafka has them. Implemented in messaging ({@code
 * OutboxRelay}); the application layer does not know the broker.
 */
public interface CaseEvents {

  /** Publishes a case's pending events; throws when they could not be published. */
  void publish(CaseDocument doc);
}
