package id.aduan.notification.persistence;

import id.aduan.messaging.Outbox;
import id.aduan.messaging.OutboxDocuments;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Repository;

@Repository
public class Notifications {

  private final MongoTemplate mongo;
  private final OutboxDocuments outboxes;

  Notifications(MongoTemplate mongo) {
    this.mongo = mongo;
    this.outboxes = new OutboxDocuments(mongo);
    mongo
        .indexOps(NotificationDocument.class)
        .createIndex(new Index("outboxPending", Sort.Direction.ASC));
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

  /** Publishes what is left in decisions' outboxes; see {@link OutboxDocuments#sweep}. */
  public int sweep(Outbox outbox, int limit) {
    return outboxes.sweep(
        outbox,
        NotificationDocument.class,
        limit,
        NotificationDocument::id,
        NotificationDocument::outbox);
  }
}
