package id.aduan.email.persistence;

import id.aduan.support.ProcessedKeys;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * Dedup keys of mails already handed to Kafka (or deliberately skipped), per mailbox: {@code
 * mail:<mailbox>|<Message-ID or sha256:hash>}. They make a rescan after a UIDVALIDITY change, and a
 * restart between publish and checkpoint, publish nothing twice. Kept 400 days (a TTL index on
 * {@code at} in a real MongoDB): a restored mailbox can hold mail that old.
 */
@Repository
public class ProcessedMails {

  static final String COLLECTION = "processed_mails";
  private static final String KIND = "mail";
  private final ProcessedKeys keys;

  public ProcessedMails(MongoTemplate mongo) {
    this.keys = new ProcessedKeys(mongo, COLLECTION, Duration.ofDays(400));
  }

  public boolean seen(String mailbox, String identity) {
    return keys.seen(KIND, key(mailbox, identity));
  }

  /**
   * @param outcome what was done with it (published, auto_reply, bounce, dead_lettered); counted by
   *     the caller's metrics, not stored
   */
  public void remember(String mailbox, String identity, String outcome, Instant at) {
    // false: an earlier, interrupted run remembered it already; nothing to do.
    keys.remember(KIND, key(mailbox, identity), at);
  }

  private static String key(String mailbox, String identity) {
    return mailbox.toLowerCase(Locale.ROOT) + "|" + identity;
  }
}
