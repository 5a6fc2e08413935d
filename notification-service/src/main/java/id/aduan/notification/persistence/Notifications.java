package id.aduan.notification.persistence;

import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

@Repository
public class Notifications {

  private final MongoTemplate mongo;

  Notifications(MongoTemplate mongo) {
    this.mongo = mongo;
    mongo
        .indexOps(NotificationDocument.class)
        .createIndex(new Index("outboxPending", Sort.Direction.ASC));
  }

  public boolean insert(NotificationDocument doc) {
    try {
      mongo.insert(doc);
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  public Optional<NotificationDocument> byId(String id) {
    return Optional.ofNullable(mongo.findById(id, NotificationDocument.class));
  }

  public void markPublished(String id, String eventId) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(id)),
        new Update()
            .pull("outbox", Query.query(Criteria.where("eventId").is(eventId)))
            .set("outboxPending", false),
        NotificationDocument.class);
  }
}
