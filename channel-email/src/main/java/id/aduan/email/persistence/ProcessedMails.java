package id.aduan.email.persistence;

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
 * Dedup keys of mails already handed to Kafka (or deliberately skipped), per mailbox: {@code
 * <mailbox>|<Message-ID or sha256:hash>}. They make a rescan after a UIDVALIDITY change, and a
 * restart between publish and checkpoint, publish nothing twice. Kept 400 days (a TTL index on
 * {@code at} in a real MongoDB): a restored mailbox can hold mail that old.
 */
@Repository
public class ProcessedMails {

  static final String COLLECTION = "processed_mails";
  private final MongoTemplate mongo;

  public ProcessedMails(MongoTemplate mongo) {
    this.mongo = mongo;
    mongo
        .indexOps(COLLECTION)
        .createIndex(new Index("at", Sort.Direction.ASC).expire(Duration.ofDays(400)));
  }

  public boolean seen(String mailbox, String identity) {
    return mongo.exists(Query.query(Criteria.where("_id").is(key(mailbox, identity))), COLLECTION);
  }

  /**
   * @param outcome what was done with it (published, auto_reply, bounce, dead_lettered)
   */
  public void remember(String mailbox, String identity, String outcome, Instant at) {
    try {
      mongo.insert(new ProcessedMail(key(mailbox, identity), mailbox, outcome, at), COLLECTION);
    } catch (DuplicateKeyException e) {
      // already remembered by an earlier, interrupted run: nothing to do
    }
  }

  private static String key(String mailbox, String identity) {
    return mailbox.toLowerCase(java.util.Locale.ROOT) + "|" + identity;
  }

  record ProcessedMail(String id, String mailbox, String outcome, Instant at) {}
}
