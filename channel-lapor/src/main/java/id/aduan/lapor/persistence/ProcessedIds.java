package id.aduan.lapor.persistence;

import java.time.Duration;
import java.time.Instant;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Dedup keys of channel-lapor (docs/adr/0003): {@code version:<tracking id>/v<n>} for report
 * versions handed to Kafka, {@code report:<tracking id>} for reports seen at all, {@code
 * step:<outbound event id>/<step>} for calls made to LAPOR!. Report keys are kept for good (a
 * report is polled again whenever it changes, months later); step keys expire after 8 days.
 */
@Repository
public class ProcessedIds {

  static final String COLLECTION = "lapor_processed_ids";
  private final MongoTemplate mongo;

  ProcessedIds(MongoTemplate mongo) {
    this.mongo = mongo;
    mongo
        .indexOps(COLLECTION)
        .createIndex(new Index("expiresFrom", Sort.Direction.ASC).expire(Duration.ofDays(8)));
  }

  public boolean seen(String kind, String id) {
    return mongo.exists(Query.query(Criteria.where("_id").is(kind + ":" + id)), COLLECTION);
  }

  /**
   * Records the id; returns false when it was already there (another delivery won the race).
   *
   * @param expires whether the key may expire (only keys whose input cannot come back later)
   */
  public boolean remember(String kind, String id, Instant at, boolean expires) {
    try {
      mongo.insert(new ProcessedId(kind + ":" + id, kind, at, expires ? at : null), COLLECTION);
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  public void forget(String kind, String id) {
    mongo.remove(Query.query(Criteria.where("_id").is(kind + ":" + id)), COLLECTION);
  }

  record ProcessedId(String id, String kind, Instant at, Instant expiresFrom) {}
}
