package id.aduan.sla.persistence;

import id.aduan.messaging.Outbox;
import id.aduan.messaging.OutboxDocuments;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Repository;

@Repository
public class SlaClocks {

  private final MongoTemplate mongo;
  private final OutboxDocuments outboxes;

  SlaClocks(MongoTemplate mongo) {
    this.mongo = mongo;
    this.outboxes = new OutboxDocuments(mongo);
    mongo.indexOps(SlaClockDocument.class).createIndex(new Index("nextDueAt", Sort.Direction.ASC));
    mongo
        .indexOps(SlaClockDocument.class)
        .createIndex(new Index("outboxPending", Sort.Direction.ASC));
  }

  /** Inserts a new clock; false when this case's clock exists already (a redelivery). */
  public boolean insert(SlaClockDocument clock) {
    return outboxes.insert(clock);
  }

  public Optional<SlaClockDocument> byId(String id) {
    return Optional.ofNullable(mongo.findById(id, SlaClockDocument.class));
  }

  public List<SlaClockDocument> withPendingOutbox(int limit) {
    return outboxes.pending(SlaClockDocument.class, limit);
  }

  public void markPublished(String id, String eventId) {
    outboxes.markPublished(SlaClockDocument.class, id, eventId);
  }

  /** Publishes what is left in clocks' outboxes; see {@link OutboxDocuments#sweep}. */
  public int sweep(Outbox outbox, int limit) {
    return outboxes.sweep(
        outbox, SlaClockDocument.class, limit, SlaClockDocument::id, SlaClockDocument::outbox);
  }
}
