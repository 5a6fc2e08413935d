package id.aduan.social.persistence;

import id.aduan.support.pii.PiiCipher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * What the page sent, by Meta's {@code message_id}: lets a delivery or read event name the outbound
 * message it is about. Messenger's read event carries only a watermark, which covers every message
 * sent to that citizen up to then. Kept 30 days. A conversation is named by channel, account and a
 * keyed hash of the citizen's user id (docs/adr/0026).
 */
@Repository
public class SentMessages {

  static final String COLLECTION = "social_sent_messages";
  private final MongoTemplate mongo;
  private final PiiCipher cipher;

  SentMessages(MongoTemplate mongo, PiiCipher cipher) {
    this.mongo = mongo;
    this.cipher = cipher;
    mongo
        .indexOps(COLLECTION)
        .createIndex(new Index("sentAt", Sort.Direction.ASC).expire(Duration.ofDays(30)));
    mongo
        .indexOps(COLLECTION)
        .createIndex(
            new Index("conversation", Sort.Direction.ASC).on("sentAt", Sort.Direction.ASC));
  }

  public void sent(String mid, String outboundEventId, String conversation, Instant sentAt) {
    mongo.insert(new Sent(mid, outboundEventId, conversation, sentAt, false), COLLECTION);
  }

  public @Nullable Sent byMid(String mid) {
    return mongo.findById(mid, Sent.class, COLLECTION);
  }

  /** The messages of a conversation sent up to {@code watermark} not yet read, now marked read. */
  public List<Sent> readUpTo(String conversation, Instant watermark) {
    Query unread =
        Query.query(
            Criteria.where("conversation")
                .is(conversation)
                .and("sentAt")
                .lte(watermark)
                .and("read")
                .is(false));
    List<Sent> found = mongo.find(unread, Sent.class, COLLECTION);
    for (Sent s : found) {
      mongo.updateFirst(
          Query.query(Criteria.where("_id").is(s.id())),
          new Update().set("read", true),
          COLLECTION);
    }
    return found;
  }

  public String conversation(String channel, String accountId, String userId) {
    return channel + ":" + accountId + ":" + cipher.lookup("social", userId);
  }

  public record Sent(
      String id, String outboundEventId, String conversation, Instant sentAt, boolean read) {}
}
