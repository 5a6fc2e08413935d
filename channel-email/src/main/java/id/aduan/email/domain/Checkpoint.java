package id.aduan.email.domain;

/**
 * How far a mailbox has been read: every UID up to {@code lastUid} under {@code uidValidity} is on
 * Kafka. IMAP UIDs are only meaningful together with the folder's UIDVALIDITY; when the server
 * changes it (a restored or recreated mailbox), the old UIDs say nothing and the whole folder is
 * read again, with the dedup keys keeping mails already published from being published twice.
 */
public record Checkpoint(String mailbox, long uidValidity, long lastUid) {

  /** What to read next, given the folder's current UIDVALIDITY. */
  public Plan plan(long currentUidValidity) {
    if (currentUidValidity != uidValidity) {
      return new Plan(1, true);
    }
    return new Plan(lastUid + 1, false);
  }

  /**
   * The first read of a mailbox: everything, deduplicated (it may have been read under a lost
   * checkpoint).
   */
  public static Plan firstRead() {
    return new Plan(1, true);
  }

  public Checkpoint advancedTo(long uid) {
    return uid > lastUid ? new Checkpoint(mailbox, uidValidity, uid) : this;
  }

  /**
   * @param fromUid the first UID to fetch
   * @param rescan true when UIDs already handled may come again, so each mail is checked against
   *     the dedup keys before it is published
   */
  public record Plan(long fromUid, boolean rescan) {}
}
