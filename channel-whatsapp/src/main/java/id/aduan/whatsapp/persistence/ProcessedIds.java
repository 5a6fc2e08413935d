package id.aduan.whatsapp.persistence;

import id.aduan.support.ProcessedKeys;
import java.time.Duration;
import java.time.Instant;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * Dedup keys of what this adapter has already handed to Kafka (inbound {@code wamid}s, receipts as
 * {@code wamid/status}, outbound message ids). Kept at least 7 days: the production MongoDB expires
 * them through a TTL index on {@code at}.
 */
@Repository
public class ProcessedIds {

  static final String COLLECTION = "processed_ids";
  private final ProcessedKeys keys;

  ProcessedIds(MongoTemplate mongo) {
    this.keys = new ProcessedKeys(mongo, COLLECTION, Duration.ofDays(8));
  }

  public boolean seen(String kind, String id) {
    return keys.seen(kind, id);
  }

  /** Records the id; returns false when it was already there (another delivery won the race). */
  public boolean remember(String kind, String id, Instant at) {
    return keys.remember(kind, id, at);
  }

  public void forget(String kind, String id) {
    keys.forget(kind, id);
  }
}
