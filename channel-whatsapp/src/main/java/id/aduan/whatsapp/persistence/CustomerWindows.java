package id.aduan.whatsapp.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * When each citizen last wrote to each agency number: the start of WhatsApp's 24-hour
 * customer-service window. Keyed by {@code <phone-number-id>:<citizen>}; older than the window plus
 * a day, an entry is useless and expires.
 */
@Repository
public class CustomerWindows {

  static final String COLLECTION = "customer_windows";
  private static final Duration WRITE_GRANULARITY = Duration.ofMinutes(1);
  private final MongoTemplate mongo;

  /** What this instance wrote last per citizen, bounded (least recently used entries leave). */
  private final Map<String, Instant> recentlyRecorded =
      new LinkedHashMap<>(1024, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Instant> eldest) {
          return size() > 50_000;
        }
      };

  CustomerWindows(MongoTemplate mongo) {
    this.mongo = mongo;
    mongo
        .indexOps(COLLECTION)
        .createIndex(new Index("lastInboundAt", Sort.Direction.ASC).expire(Duration.ofHours(48)));
  }

  /**
   * Records an inbound message; a late (older) webhook never moves the window back. A citizen
   * writing several messages in a row is written once a minute at most: the stored start is then at
   * most a minute early, which can only make the window look shorter (a template sent a minute
   * early), never longer, and it saves a MongoDB write on most webhooks.
   */
  public void recordInbound(String phoneNumberId, String citizen, Instant at) {
    String key = key(phoneNumberId, citizen);
    synchronized (recentlyRecorded) {
      Instant recorded = recentlyRecorded.get(key);
      if (recorded != null && !at.isAfter(recorded.plus(WRITE_GRANULARITY))) {
        return;
      }
    }
    mongo.upsert(
        Query.query(Criteria.where("_id").is(key)),
        new Update().max("lastInboundAt", at),
        COLLECTION);
    synchronized (recentlyRecorded) {
      recentlyRecorded.merge(key, at, (a, b) -> a.isAfter(b) ? a : b);
    }
  }

  public @Nullable Instant lastInbound(String phoneNumberId, String citizen) {
    Window window = mongo.findById(key(phoneNumberId, citizen), Window.class, COLLECTION);
    return window == null ? null : window.lastInboundAt();
  }

  private static String key(String phoneNumberId, String citizen) {
    return phoneNumberId + ":" + citizen;
  }

  record Window(String id, Instant lastInboundAt) {}
}
