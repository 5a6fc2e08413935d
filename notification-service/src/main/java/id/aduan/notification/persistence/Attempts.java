package id.aduan.notification.persistence;

import id.aduan.notification.application.AttemptStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Every delivery attempt, one document per outbound message ({@code _id} = its event id, which
 * receipts name), with every receipt it got: what the case's history shows about messages. No
 * recipient address is kept here, only the channel.
 */
@Repository
public class Attempts implements AttemptStore {

  /** One attempt and what the channel reported about it. */
  @Document("attempts")
  public record Attempt(
      @Id String id,
      String notificationId,
      @Nullable String caseId,
      String agencyCode,
      String purpose,
      String channel,
      String status,
      Instant createdAt,
      List<Receipt> receipts,
      boolean fallbackDone) {

    public Attempt {
      receipts = receipts == null ? List.of() : List.copyOf(receipts);
    }
  }

  public record Receipt(String status, Instant at, @Nullable String errorCode) {}

  private final MongoTemplate mongo;

  Attempts(MongoTemplate mongo) {
    this.mongo = mongo;
    mongo.indexOps(Attempt.class).createIndex(new Index("caseId", Sort.Direction.ASC));
  }

  /** Records a new attempt; a second call for the same message changes nothing. */
  public void created(Attempt attempt) {
    try {
      mongo.insert(attempt);
    } catch (DuplicateKeyException e) {
      // already recorded by an earlier delivery of the same input
    }
  }

  public Optional<Attempt> byId(String outboundEventId) {
    return Optional.ofNullable(mongo.findById(outboundEventId, Attempt.class));
  }

  public List<Attempt> forCase(String caseId) {
    return mongo.find(
        Query.query(Criteria.where("caseId").is(caseId)).with(Sort.by("createdAt")), Attempt.class);
  }

  /**
   * Adds a receipt (a redelivered one is not added twice); the status only moves forward (a late
   * SENT does not undo DELIVERED) and FAILED is final. Empty when the message is not one of ours.
   */
  public Optional<Attempt> receipt(String outboundEventId, Receipt receipt) {
    Attempt after =
        mongo.findAndModify(
            Query.query(Criteria.where("_id").is(outboundEventId)),
            new Update().addToSet("receipts", receipt),
            FindAndModifyOptions.options().returnNew(true),
            Attempt.class);
    if (after == null) {
      return Optional.empty();
    }
    if (rank(receipt.status()) > rank(after.status())) {
      mongo.updateFirst(
          Query.query(Criteria.where("_id").is(outboundEventId).and("status").is(after.status())),
          new Update().set("status", receipt.status()),
          Attempt.class);
    }
    return Optional.of(after);
  }

  /** True once per attempt: the caller then tries another channel or tells the officer. */
  public boolean claimFallback(String outboundEventId) {
    return mongo
            .updateFirst(
                Query.query(
                    Criteria.where("_id").is(outboundEventId).and("fallbackDone").is(false)),
                new Update().set("fallbackDone", true),
                Attempt.class)
            .getModifiedCount()
        == 1;
  }

  private static int rank(String status) {
    return switch (status) {
      case "SENT" -> 1;
      case "DELIVERED" -> 2;
      case "READ" -> 3;
      case "FAILED" -> 4;
      default -> 0;
    };
  }
}
