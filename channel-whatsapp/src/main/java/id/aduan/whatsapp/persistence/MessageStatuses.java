package id.aduan.whatsapp.persistence;

import id.aduan.contracts.DeliveryReceipt;
import id.aduan.whatsapp.domain.DeliveryStates;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The last status of every message we sent, by {@code wamid}: the state the monotonic state machine
 * ({@link DeliveryStates}) moves from. Kept 8 days, like the dedup keys.
 */
@Repository
public class MessageStatuses {

  static final String COLLECTION = "message_statuses";
  private final MongoTemplate mongo;

  MessageStatuses(MongoTemplate mongo) {
    this.mongo = mongo;
    mongo
        .indexOps(COLLECTION)
        .createIndex(new Index("at", Sort.Direction.ASC).expire(Duration.ofDays(8)));
  }

  public DeliveryStates.@Nullable State current(String wamid) {
    StatusDoc doc = mongo.findById(wamid, StatusDoc.class, COLLECTION);
    return doc == null ? null : new DeliveryStates.State(doc.status(), doc.providerTime());
  }

  /**
   * Moves the message from {@code expected} to {@code next}, only if nobody moved it meanwhile.
   *
   * @return false when another webhook changed it first (the caller reads again)
   */
  public boolean move(
      String wamid,
      DeliveryStates.@Nullable State expected,
      DeliveryReceipt.Status next,
      Instant providerTime,
      Instant now) {
    if (expected == null) {
      try {
        mongo.insert(new StatusDoc(wamid, next, providerTime, now, null), COLLECTION);
        return true;
      } catch (DuplicateKeyException e) {
        return false;
      }
    }
    return mongo
            .updateFirst(
                Query.query(
                    Criteria.where("_id").is(wamid).and("status").is(expected.status().name())),
                new Update()
                    .set("status", next.name())
                    .set("providerTime", providerTime)
                    .set("at", now),
                COLLECTION)
            .getModifiedCount()
        == 1;
  }

  /**
   * Records a message this adapter just sent, so that the provider's later statuses find the
   * outbound message they belong to. A status that arrived first is left as it is.
   */
  public void recordSent(String wamid, String outboundEventId, Instant now) {
    mongo.upsert(
        Query.query(Criteria.where("_id").is(wamid)),
        new Update()
            .set("outboundEventId", outboundEventId)
            .setOnInsert("status", DeliveryReceipt.Status.SENT.name())
            .setOnInsert("providerTime", now)
            .setOnInsert("at", now),
        COLLECTION);
  }

  /** The outbound message a sent {@code wamid} belongs to, when this adapter sent it. */
  public @Nullable String outboundEventOf(String wamid) {
    StatusDoc doc = mongo.findById(wamid, StatusDoc.class, COLLECTION);
    return doc == null ? null : doc.outboundEventId();
  }

  record StatusDoc(
      String id,
      DeliveryReceipt.Status status,
      Instant providerTime,
      Instant at,
      @Nullable String outboundEventId) {}
}
