package id.aduan.notification.persistence;

import id.aduan.notification.application.NotificationStore;
import id.aduan.notification.domain.Part;
import id.aduan.support.messaging.Outbox;
import id.aduan.support.messaging.OutboxDocuments;
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

/**
 * The decisions ({@link NotificationDocument}); every state change is one single-document write.
 */
@Repository
public class Notifications implements NotificationStore {

  private final MongoTemplate mongo;
  private final OutboxDocuments outboxes;

  Notifications(MongoTemplate mongo) {
    this.mongo = mongo;
    this.outboxes = new OutboxDocuments(mongo);
    mongo
        .indexOps(NotificationDocument.class)
        .createIndex(new Index("outboxPending", Sort.Direction.ASC));
    mongo.indexOps(NotificationDocument.class).createIndex(new Index("state", Sort.Direction.ASC));
  }

  public boolean insert(NotificationDocument doc) {
    return outboxes.insert(doc);
  }

  public Optional<NotificationDocument> byId(String id) {
    return Optional.ofNullable(mongo.findById(id, NotificationDocument.class));
  }

  public void markPublished(String id, String eventId) {
    outboxes.markPublished(NotificationDocument.class, id, eventId);
  }

  public void published(String id) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(id)),
        new Update().set("outbox", List.of()).set("outboxPending", false),
        NotificationDocument.class);
  }

  /** Publishes what is left in decisions' outboxes; see {@link OutboxDocuments#sweep}. */
  public int sweep(Outbox outbox, int limit) {
    return outboxes.sweep(
        outbox,
        NotificationDocument.class,
        limit,
        NotificationDocument::id,
        NotificationDocument::outbox);
  }

  /** An automatic message held for this recipient on this case that a new part may join. */
  public Optional<NotificationDocument> heldFor(String toKey, String caseId) {
    return Optional.ofNullable(
        mongo.findOne(
            Query.query(
                Criteria.where("state")
                    .is(NotificationDocument.HELD)
                    .and("toKey")
                    .is(toKey)
                    .and("caseId")
                    .is(caseId)
                    .and("audience")
                    .is("CITIZEN")
                    .and("parts.automatic")
                    .ne(false)),
            NotificationDocument.class));
  }

  /**
   * Adds a part to a message still held; false when it was released meanwhile or already holds the
   * part (a redelivery).
   */
  public boolean addPart(String heldId, Part part) {
    return mongo
            .updateFirst(
                Query.query(
                    Criteria.where("_id")
                        .is(heldId)
                        .and("state")
                        .is(NotificationDocument.HELD)
                        .and("parts.sourceId")
                        .ne(part.sourceId())),
                new Update().push("parts", part).inc("partCount", 1),
                NotificationDocument.class)
            .getModifiedCount()
        == 1;
  }

  /** Held messages whose time has come. */
  public List<NotificationDocument> due(Instant now, int limit) {
    return mongo.find(
        Query.query(Criteria.where("state").is(NotificationDocument.HELD).and("sendAt").lte(now))
            .limit(limit),
        NotificationDocument.class);
  }

  /**
   * Turns a held message into a sent one with its outbox entry, if it is still held with exactly
   * the parts the message was made from. False when another instance released it, or a part joined
   * it meanwhile (the next round makes the message again).
   */
  public boolean release(NotificationDocument held, String outboundEventId, Outbox.Entry entry) {
    return mongo
            .updateFirst(
                Query.query(
                    Criteria.where("_id")
                        .is(held.id())
                        .and("state")
                        .is(NotificationDocument.HELD)
                        .and("partCount")
                        .is(held.partCount())),
                new Update()
                    .set("state", NotificationDocument.SENT)
                    .set("outboundEventId", outboundEventId)
                    .set("outbox", List.of(entry))
                    .set("outboxPending", true),
                NotificationDocument.class)
            .getModifiedCount()
        == 1;
  }

  /** A held message the channel no longer allows: handed to a fallback. */
  public boolean close(NotificationDocument held) {
    return mongo
            .updateFirst(
                Query.query(
                    Criteria.where("_id").is(held.id()).and("state").is(NotificationDocument.HELD)),
                new Update().set("state", NotificationDocument.CLOSED),
                NotificationDocument.class)
            .getModifiedCount()
        == 1;
  }
}
