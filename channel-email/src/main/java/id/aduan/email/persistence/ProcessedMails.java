package id.aduan.email.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Locale;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Dedup keys of mails per mailbox: {@code mail:<mailbox>|<Message-ID or sha256:hash>}. A key is
 * PENDING (with the event id and topic) from just before its message is published until Kafka
 * acknowledged it, then DONE. DONE makes a rescan after a UIDVALIDITY change, or a restart between
 * publish and checkpoint, publish nothing twice; a PENDING key found on a later read means the
 * outcome of that publication is unknown (the process died, or Kafka was unreachable), and the
 * intake asks Kafka before publishing again, under the same event id. Keys without a state (written
 * before states existed) are DONE. Kept 400 days (a TTL index on {@code at} in a real MongoDB): a
 * restored mailbox can hold mail that old.
 */
@Repository
public class ProcessedMails {

  static final String COLLECTION = "processed_mails";
  private static final String KIND = "mail";
  private final MongoTemplate mongo;

  public ProcessedMails(MongoTemplate mongo) {
    this.mongo = mongo;
    mongo
        .indexOps(COLLECTION)
        .createIndex(new Index("at", Sort.Direction.ASC).expire(Duration.ofDays(400)));
  }

  /** What is known about a mail. */
  public record State(
      Kind kind, @Nullable String eventId, @Nullable String topic, @Nullable Instant at) {

    public enum Kind {
      NEW,
      PENDING,
      DONE
    }

    static final State NEW = new State(Kind.NEW, null, null, null);
    static final State DONE = new State(Kind.DONE, null, null, null);

    public boolean done() {
      return kind == Kind.DONE;
    }
  }

  public State state(String mailbox, String identity) {
    // One lookup by _id per mail (the MongoDB-protocol stand-in scans for anything else).
    Document d =
        mongo.getCollection(COLLECTION).find(new Document("_id", key(mailbox, identity))).first();
    if (d == null) {
      return State.NEW;
    }
    if (!"PENDING".equals(d.getString("state"))) {
      return State.DONE;
    }
    return new State(
        State.Kind.PENDING,
        d.getString("eventId"),
        d.getString("topic"),
        d.getDate("at").toInstant());
  }

  public boolean seen(String mailbox, String identity) {
    return state(mailbox, identity).done();
  }

  /** Records, before publishing, which event on which topic this mail is about to become. */
  public void intend(String mailbox, String identity, String topic, String eventId, Instant at) {
    mongo.upsert(
        Query.query(Criteria.where("_id").is(key(mailbox, identity))),
        Update.update("kind", KIND)
            .set("state", "PENDING")
            .set("topic", topic)
            .set("eventId", eventId)
            .set("at", Date.from(at)),
        COLLECTION);
  }

  /** Records that the mail was handled: published and acknowledged, or deliberately skipped. */
  public void remember(String mailbox, String identity, Instant at) {
    mongo.upsert(
        Query.query(Criteria.where("_id").is(key(mailbox, identity))),
        Update.update("kind", KIND).set("state", "DONE").set("at", Date.from(at)),
        COLLECTION);
  }

  private static String key(String mailbox, String identity) {
    return KIND + ":" + mailbox.toLowerCase(Locale.ROOT) + "|" + identity;
  }
}
