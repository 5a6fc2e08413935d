package id.aduan.sla.persistence;

import java.util.List;
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
public class SlaClocks {

  private final MongoTemplate mongo;

  SlaClocks(MongoTemplate mongo) {
    this.mongo = mongo;
    mongo.indexOps(SlaClockDocument.class).createIndex(new Index("nextDueAt", Sort.Direction.ASC));
    mongo
        .indexOps(SlaClockDocument.class)
        .createIndex(new Index("outboxPending", Sort.Direction.ASC));
  }

  /** Inserts a new clock; false when this case's clock exists already (a redelivery). */
  public boolean insert(SlaClockDocument clock) {
    try {
      mongo.insert(clock);
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  public Optional<SlaClockDocument> byId(String id) {
    return Optional.ofNullable(mongo.findById(id, SlaClockDocument.class));
  }

  public List<SlaClockDocument> withPendingOutbox(int limit) {
    return mongo.find(
        Query.query(Criteria.where("outboxPending").is(true)).limit(limit), SlaClockDocument.class);
  }

  public void markPublished(String id, String eventId) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(id)),
        new Update().pull("outbox", Query.query(Criteria.where("eventId").is(eventId))),
        SlaClockDocument.class);
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(id).and("outbox").size(0)),
        new Update().set("outboxPending", false),
        SlaClockDocument.class);
  }
}
