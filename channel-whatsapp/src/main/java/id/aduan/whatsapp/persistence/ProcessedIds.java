package id.aduan.whatsapp.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
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
    // On every webhook, so the plain driver (no mapping) and a lookup by _id: exists() would be a
    // count, which the MongoDB-protocol stand-in answers by scanning the whole collection.
    return mongo
            .getCollection(COLLECTION)
            .find(new Document("_id", kind + ":" + id))
            .projection(new Document("_id", 1))
            .first()
        != null;
  }

  /** Records the id; returns false when it was already there (another delivery won the race). */
  public boolean remember(String kind, String id, Instant at) {
    try {
      mongo
          .getCollection(COLLECTION)
          .insertOne(
              new Document("_id", kind + ":" + id)
                  .append("kind", kind)
                  .append("at", Date.from(at)));
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return false;
      }
      throw e;
    }
  }

  public void forget(String kind, String id) {
    mongo.remove(Query.query(Criteria.where("_id").is(kind + ":" + id)), COLLECTION);
  }
}
