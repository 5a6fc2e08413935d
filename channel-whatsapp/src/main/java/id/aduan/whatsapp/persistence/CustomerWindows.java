package id.aduan.whatsapp.persistence;

import java.time.Duration;
import java.time.Instant;
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
  private final MongoTemplate mongo;

  CustomerWindows(MongoTemplate mongo) {
    this.mongo = mongo;
    mongo
        .indexOps(COLLECTION)
        .createIndex(new Index("lastInboundAt", Sort.Direction.ASC).expire(Duration.ofHours(48)));
  }

  /** Records an inbound message; a late (older) webhook never moves the window back. */
  public void recordInbound(String phoneNumberId, String citizen, Instant at) {
    mongo.upsert(
        Query.query(Criteria.where("_id").is(key(phoneNumberId, citizen))),
        new Update().max("lastInboundAt", at),
        COLLECTION);
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
