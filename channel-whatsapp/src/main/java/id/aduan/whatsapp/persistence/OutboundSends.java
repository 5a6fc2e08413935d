package id.aduan.whatsapp.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.Binary;
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
  private static final String DEFERRED = "DEFERRED";
  private final MongoTemplate mongo;

  OutboundSends(MongoTemplate mongo) {
    this.mongo = mongo;
    mongo
        .indexOps(COLLECTION)
        .createIndex(new Index("createdAt", Sort.Direction.ASC).expire(Duration.ofDays(8)));
    mongo
        .indexOps(COLLECTION)
        .createIndex(
            new Index().on("state", Sort.Direction.ASC).on("notBefore", Sort.Direction.ASC));
  }

  /** The outcome of trying to claim a message. */
  public sealed interface Claim {
    /** This caller holds the lease; {@code sentParts} were already accepted before a crash. */
    record Acquired(List<String> sentParts) implements Claim {}

    /** The message was completely handled before. */
    record AlreadyDone() implements Claim {}

    /** Another sender holds a live lease. */
    record HeldElsewhere(Instant until) implements Claim {}

    /** The message waits for its pacing slot; the deferred sender sends it (docs/adr/0037). */
    record Deferred(Instant notBefore) implements Claim {}
  }

  /** A deferred message whose time has come, claimed with a lease by the deferred sender. */
  public record Due(
      String eventId,
      byte[] payload,
      List<String> sentParts,
      int attempts,
      @Nullable String held,
      @Nullable Instant firstFailedAt) {}

  public Claim claim(String eventId, Instant now, Duration lease) {
    try {
      mongo.insert(
          new SendDoc(eventId, "SENDING", now.plus(lease), List.of(), now, null, null), COLLECTION);
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
    return switch (doc.state()) {
      case "SENDING" -> new Claim.HeldElsewhere(doc.leaseUntil());
      case DEFERRED ->
          new Claim.Deferred(doc.notBefore() != null ? doc.notBefore() : doc.leaseUntil());
      default -> new Claim.AlreadyDone();
    };
  }

  /**
   * Defers a claimed message to {@code notBefore}, keeping the message as it came from the topic
   * ({@code payload}: its personal fields stay encrypted) and the parts already sent. Written
   * before the consumer returns, so the record's offset is committed only once the message is safe
   * here. {@code attempts} counts transient failures of the deferred sender; {@code held} says
   * which pacing slot the message holds (null: none).
   */
  public void defer(
      String eventId, Instant notBefore, byte[] payload, int attempts, @Nullable String held) {
    defer(eventId, notBefore, payload, attempts, held, new Update());
  }

  /**
   * Defers a claimed message that failed transiently to {@code notBefore} (docs/adr/0041), as
   * {@link #defer(String, Instant, byte[], int, String)} does for pacing, and keeps when it first
   * failed: it is tried again until {@code deferred-give-up-after} from then.
   */
  public void deferAfterFailure(
      String eventId, Instant notBefore, byte[] payload, int failures, Instant firstFailedAt) {
    defer(
        eventId,
        notBefore,
        payload,
        failures,
        null,
        new Update().set("firstFailedAt", firstFailedAt));
  }

  private void defer(
      String eventId,
      Instant notBefore,
      byte[] payload,
      int attempts,
      @Nullable String held,
      Update update) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(eventId).and("state").is("SENDING")),
        update
            .set("state", DEFERRED)
            .set("notBefore", notBefore)
            .set("leaseUntil", notBefore)
            .set("payload", new Binary(payload))
            .set("attempts", attempts)
            .set("held", held),
        COLLECTION);
  }

  /**
   * Another delivery holds the message (a redelivery while it is being sent, or after its sender
   * died): the message is kept with the claim, so that if the holder never finishes, the deferred
   * sender takes it over once the lease has expired ({@link #claimDue}) instead of the redelivery
   * waiting for the lease on the partition. A holder that finishes or defers overwrites it.
   */
  public void adopt(String eventId, byte[] payload) {
    mongo.updateFirst(
        Query.query(
            Criteria.where("_id")
                .is(eventId)
                .and("state")
                .is("SENDING")
                .and("payload")
                .exists(false)),
        new Update().set("payload", new Binary(payload)),
        COLLECTION);
  }

  /**
   * Claims the deferred message that is due first: a DEFERRED one whose time has come, or one the
   * deferred sender claimed and never finished (a crash: its lease expired).
   */
  public Optional<Due> claimDue(Instant now, Duration lease) {
    for (Criteria due :
        List.of(
            Criteria.where("state").is(DEFERRED).and("notBefore").lte(now),
            Criteria.where("state")
                .is("SENDING")
                .and("payload")
                .exists(true)
                .and("leaseUntil")
                .lte(now))) {
      Document taken =
          mongo.findAndModify(
              Query.query(due).with(Sort.by("notBefore")),
              new Update().set("state", "SENDING").set("leaseUntil", now.plus(lease)),
              FindAndModifyOptions.options().returnNew(true),
              Document.class,
              COLLECTION);
      if (taken != null) {
        Object payload = taken.get("payload");
        byte[] bytes =
            payload instanceof Binary b ? b.getData() : payload instanceof byte[] raw ? raw : null;
        if (bytes == null) {
          continue;
        }
        List<String> parts = taken.getList("sentParts", String.class, List.of());
        return Optional.of(
            new Due(
                taken.getString("_id"),
                bytes,
                List.copyOf(parts),
                taken.get("attempts") instanceof Number n ? n.intValue() : 0,
                taken.getString("held"),
                taken.get("firstFailedAt") instanceof java.util.Date d ? d.toInstant() : null));
      }
    }
    return Optional.empty();
  }

  /**
   * Records that one more part was accepted by the provider, before anything else happens. Written
   * as a set member: a write retried after its answer was lost (docs/adr/0050) records it once.
   */
  public void partSent(String eventId, String providerMessageId) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(eventId)),
        new Update().addToSet("sentParts", providerMessageId),
        COLLECTION);
  }

  /** The message is handled for good (sent, or failed finally): redeliveries skip it. */
  public void done(String eventId, String outcome) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(eventId)),
        new Update().set("state", "DONE").set("outcome", outcome).unset("payload"),
        COLLECTION);
  }

  /**
   * Gives the lease back after a failure that a retry may fix; parts already sent stay recorded.
   * The redelivery (the binder's retry, a replay of the dead letter) owns the message from here:
   * the deferred sender no longer picks it up.
   */
  public void release(String eventId, Instant now) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(eventId).and("state").is("SENDING")),
        new Update().set("leaseUntil", now).unset("payload"),
        COLLECTION);
  }

  record SendDoc(
      String id,
      String state,
      Instant leaseUntil,
      List<String> sentParts,
      Instant createdAt,
      @Nullable String outcome,
      @Nullable Instant notBefore) {
    SendDoc {
      sentParts = sentParts == null ? List.of() : List.copyOf(sentParts);
    }
  }
}
