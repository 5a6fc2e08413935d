package id.aduan.whatsapp.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
 * One document per outbound message id: who is sending it (a lease), and the provider id of every
 * part already accepted by the provider. A redelivery skips a DONE message, waits for a live lease,
 * and after the lease expired (the sender crashed) re-sends only the parts without a provider id
 * (docs/adr/0006-whatsapp-channel.md).
 */
@Repository
public class OutboundSends {

  static final String COLLECTION = "outbound_sends";
  private final MongoTemplate mongo;

  OutboundSends(MongoTemplate mongo) {
    this.mongo = mongo;
    mongo
        .indexOps(COLLECTION)
        .createIndex(new Index("createdAt", Sort.Direction.ASC).expire(Duration.ofDays(8)));
  }

  /** The outcome of trying to claim a message. */
  public sealed interface Claim {
    /** This caller holds the lease; {@code sentParts} were already accepted before a crash. */
    record Acquired(List<String> sentParts) implements Claim {}

    /** The message was completely handled before. */
    record AlreadyDone() implements Claim {}

    /** Another sender holds a live lease. */
    record HeldElsewhere(Instant until) implements Claim {}
  }

  public Claim claim(String eventId, Instant now, Duration lease) {
    try {
      mongo.insert(
          new SendDoc(eventId, "SENDING", now.plus(lease), List.of(), now, null), COLLECTION);
      return new Claim.Acquired(List.of());
    } catch (DuplicateKeyException e) {
      // Already known: take it over only if its lease expired.
    }
    SendDoc taken =
        mongo.findAndModify(
            Query.query(
                Criteria.where("_id")
                    .is(eventId)
                    .and("state")
                    .is("SENDING")
                    .and("leaseUntil")
                    .lte(now)),
            new Update().set("leaseUntil", now.plus(lease)),
            FindAndModifyOptions.options().returnNew(true),
            SendDoc.class,
            COLLECTION);
    if (taken != null) {
      return new Claim.Acquired(taken.sentParts());
    }
    SendDoc doc = mongo.findById(eventId, SendDoc.class, COLLECTION);
    if (doc == null) {
      // Released between our insert and our read: claim again on the next delivery.
      return new Claim.HeldElsewhere(now);
    }
    return "SENDING".equals(doc.state())
        ? new Claim.HeldElsewhere(doc.leaseUntil())
        : new Claim.AlreadyDone();
  }

  /** Records that one more part was accepted by the provider, before anything else happens. */
  public void partSent(String eventId, String providerMessageId) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(eventId)),
        new Update().push("sentParts", providerMessageId),
        COLLECTION);
  }

  /** The message is handled for good (sent, or failed finally): redeliveries skip it. */
  public void done(String eventId, String outcome) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(eventId)),
        new Update().set("state", "DONE").set("outcome", outcome),
        COLLECTION);
  }

  /**
   * Gives the lease back after a failure that a retry may fix; parts already sent stay recorded.
   */
  public void release(String eventId, Instant now) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(eventId).and("state").is("SENDING")),
        new Update().set("leaseUntil", now),
        COLLECTION);
  }

  record SendDoc(
      String id,
      String state,
      Instant leaseUntil,
      List<String> sentParts,
      Instant createdAt,
      @Nullable String outcome) {
    SendDoc {
      sentParts = sentParts == null ? List.of() : List.copyOf(sentParts);
    }
  }
}
