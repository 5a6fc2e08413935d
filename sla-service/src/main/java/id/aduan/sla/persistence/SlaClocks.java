package id.aduan.sla.persistence;

import id.aduan.messaging.Outbox;
import id.aduan.messaging.OutboxDocuments;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
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

  /**
   * Running clocks whose window from start to deadline may cover a date in {@code [from, to]}
   * (instants at the edges of those days in the westernmost and easternmost agency zones; the
   * caller checks each clock precisely in its agency's zone).
   */
  public List<SlaClockDocument> runningOverlapping(Instant from, Instant to) {
    return mongo.find(
        Query.query(
            Criteria.where("state")
                .is("RUNNING")
                .and("startedAt")
                .lte(to)
                .and("deadline")
                .gte(from)),
        SlaClockDocument.class);
  }

  /**
   * Moves a clock's deadline and queues the event that says so, in one atomic write; nothing
   * happens when the deadline is no longer {@code expected} (another instance got there first).
   */
  public boolean moveDeadline(
      String id, Instant expected, Instant deadline, boolean provisional, Outbox.Entry event) {
    return mongo
            .updateFirst(
                Query.query(Criteria.where("_id").is(id).and("deadline").is(expected)),
                new Update()
                    .set("deadline", deadline)
                    .set("nextDueAt", deadline)
                    .set("provisional", provisional)
                    .push("outbox", event)
                    .set("outboxPending", true),
                SlaClockDocument.class)
            .getModifiedCount()
        == 1;
  }

  /** Publishes what is left in clocks' outboxes; see {@link OutboxDocuments#sweep}. */
  public int sweep(Outbox outbox, int limit) {
    return outboxes.sweep(
        outbox, SlaClockDocument.class, limit, SlaClockDocument::id, SlaClockDocument::outbox);
  }
}
