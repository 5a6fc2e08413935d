package id.aduan.email.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Every outbound mail, one document per {@code OutboundMessage.eventId}: the claim that keeps a
 * redelivered message from being sent twice (state SENDING with a lease, then SENT or FAILED), and
 * afterwards the record that maps the mail's Message-ID back to its ticket, for threading replies
 * and matching bounces (docs/adr/0007-email-intake-and-outbound-claims.md).
 */
@Repository
public class OutboundMails {

  static final String COLLECTION = "outbound_mails";
  private final MongoTemplate mongo;

  public OutboundMails(MongoTemplate mongo) {
    this.mongo = mongo;
    mongo.indexOps(COLLECTION).createIndex(new Index("messageId", Sort.Direction.ASC));
  }

  public enum Claim {
    /** This delivery may send. */
    CLAIMED,
    /** Sent (or finally failed) before: do nothing. */
    DONE,
    /** Another delivery holds a live lease: try later. */
    HELD
  }

  /** Claims the right to send; a stale claim (lease expired: its holder died) is taken over. */
  public Claim claim(OutboundMail mail, Instant now, Duration lease) {
    try {
      mongo.insert(mail.withState("SENDING", now.plus(lease)), COLLECTION);
      return Claim.CLAIMED;
    } catch (DuplicateKeyException e) {
      OutboundMail taken =
          mongo.findAndModify(
              Query.query(
                  Criteria.where("_id")
                      .is(mail.id())
                      .and("state")
                      .is("SENDING")
                      .and("leaseUntil")
                      .lte(now)),
              new Update().set("leaseUntil", now.plus(lease)).inc("attempts", 1),
              FindAndModifyOptions.options().returnNew(true),
              OutboundMail.class,
              COLLECTION);
      if (taken != null) {
        return Claim.CLAIMED;
      }
      OutboundMail existing = mongo.findById(mail.id(), OutboundMail.class, COLLECTION);
      return existing != null && !"SENDING".equals(existing.state()) ? Claim.DONE : Claim.HELD;
    }
  }

  /** Gives the claim up at once after a send that failed but may succeed later. */
  public void release(String id) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(id).and("state").is("SENDING")),
        Update.update("leaseUntil", Instant.EPOCH),
        COLLECTION);
  }

  public void finish(String id, String state, Instant at) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(id)),
        Update.update("state", state).set("finishedAt", at),
        COLLECTION);
  }

  public Optional<OutboundMail> byId(String id) {
    return Optional.ofNullable(mongo.findById(id, OutboundMail.class, COLLECTION));
  }

  /** The outbound mail one of these Message-IDs names, newest reference first. */
  public Optional<OutboundMail> byMessageIds(Collection<String> messageIds) {
    if (messageIds.isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        mongo.findOne(
            Query.query(Criteria.where("messageId").in(messageIds)),
            OutboundMail.class,
            COLLECTION));
  }

  /**
   * @param id the {@code OutboundMessage.eventId}
   * @param messageId the Message-ID the mail carries (derived from {@code id}, so a retry after a
   *     crash sends the same one and receivers can drop the copy)
   */
  public record OutboundMail(
      String id,
      String messageId,
      String agencyCode,
      String mailbox,
      @Nullable String ticket,
      @Nullable String caseId,
      String state,
      @Nullable Instant leaseUntil,
      int attempts) {

    OutboundMail withState(String newState, Instant lease) {
      return new OutboundMail(
          id, messageId, agencyCode, mailbox, ticket, caseId, newState, lease, attempts + 1);
    }
  }
}
