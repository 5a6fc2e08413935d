package id.aduan.support;

import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
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
    return mongo.exists(Query.query(Criteria.where("_id").is(kind + ":" + id)), collection);
  }

  /** Records the id; returns false when it was already there (another delivery won the race). */
  public boolean remember(String kind, String id, Instant at) {
    try {
      mongo.insert(new Key(kind + ":" + id, kind, at), collection);
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  /** Releases a claim whose effect did not happen, so a retry may claim it again. */
  public void forget(String kind, String id) {
    mongo.remove(Query.query(Criteria.where("_id").is(kind + ":" + id)), collection);
  }

  record Key(String id, String kind, Instant at) {}
}
