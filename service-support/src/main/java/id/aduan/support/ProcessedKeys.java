package id.aduan.support;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Dedup keys of a channel adapter (docs/adr/0003): what it already handed to Kafka or to a
 * provider, as {@code <kind>:<id>} in a unique {@code _id}, so the database decides a race between
 * two instances. With {@code expireAfter}, a production MongoDB drops keys through a TTL index on
 * {@code at}; without, keys are kept for inputs that may come back at any time.
 */
public final class ProcessedKeys {

  private final MongoTemplate mongo;
  private final String collection;

  public ProcessedKeys(MongoTemplate mongo, String collection, @Nullable Duration expireAfter) {
    this.mongo = mongo;
    this.collection = collection;
    if (expireAfter != null) {
      mongo
          .indexOps(collection)
          .createIndex(new Index("at", Sort.Direction.ASC).expire(expireAfter));
    }
  }

  public boolean seen(String kind, String id) {
    // Asked on every input, so the plain driver and a lookup by _id: exists() is a count, which
    // the MongoDB-protocol stand-in answers by scanning the whole collection.
    return mongo
            .getCollection(collection)
            .find(new Document("_id", kind + ":" + id))
            .projection(new Document("_id", 1))
            .first()
        != null;
  }

  /** Records the id; returns false when it was already there (another delivery won the race). */
  public boolean remember(String kind, String id, Instant at) {
    try {
      mongo
          .getCollection(collection)
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

  /** Releases a claim whose effect did not happen, so a retry may claim it again. */
  public void forget(String kind, String id) {
    mongo.remove(Query.query(Criteria.where("_id").is(kind + ":" + id)), collection);
  }
}
