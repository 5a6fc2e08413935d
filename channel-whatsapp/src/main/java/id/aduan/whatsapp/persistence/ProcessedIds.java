package id.aduan.whatsapp.persistence;

import java.time.Duration;
import java.time.Instant;
import org.bson.Document;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Dedup keys of what this adapter has already handed to Kafka (inbound {@code wamid}s, receipts as
 * {@code wamid/status}, outbound message ids). Kept at least 7 days: the production MongoDB expires
 * them through a TTL index on {@code at}.
 */
@Repository
public class ProcessedIds {

  static final String COLLECTION = "processed_ids";
  private final MongoTemplate mongo;

  ProcessedIds(MongoTemplate mongo) {
    this.mongo = mongo;
    mongo
        .indexOps(COLLECTION)
        .createIndex(new Index("at", Sort.Direction.ASC).expire(Duration.ofDays(8)));
  }

  public boolean seen(String kind, String id) {
    // A lookup by _id, not exists(): that one is a count, which the MongoDB-protocol stand-in
    // answers with an aggregation over the whole collection (a full scan per webhook).
    return mongo.findById(kind + ":" + id, Document.class, COLLECTION) != null;
  }

  /** Records the id; returns false when it was already there (another delivery won the race). */
  public boolean remember(String kind, String id, Instant at) {
    try {
      mongo.insert(new ProcessedId(kind + ":" + id, kind, at), COLLECTION);
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  public void forget(String kind, String id) {
    mongo.remove(Query.query(Criteria.where("_id").is(kind + ":" + id)), COLLECTION);
  }

  record ProcessedId(String id, String kind, Instant at) {}
}
