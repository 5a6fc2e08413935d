package id.aduan.cases.persistence;

import id.aduan.contracts.Channel;
import id.aduan.contracts.DeliveryReceipt;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Every message the platform sent about a case (an attempt, from the outbound topics) and what the
 * channel reported back about it (receipts). Kept beside the case, not in it, so that the channels'
 * traffic never contends with officers' writes on the case document. Every write is an idempotent
 * upsert by {@code _id} (a redelivery adds nothing), and attempts and their receipts may arrive in
 * any order.
 */
@Repository
public class Communications {

  private final MongoTemplate mongo;

  Communications(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** One outbound message and its receipts; {@code _id} is the outbound event id. */
  @Document("communication_attempts")
  public record Attempt(
      @Id String id,
      @Nullable String caseId,
      @Nullable Channel channel,
      @Nullable String purpose,
      boolean automatic,
      @Nullable String recipient,
      @Nullable Instant at,
      List<Receipt> receipts) {

    public Attempt {
      receipts = receipts == null ? List.of() : List.copyOf(receipts);
    }

    /**
     * Where the message got to: the furthest receipt by provider time (sent, delivered, read), a
     * failure being final; {@code PENDING} while the channel has not reported.
     */
    public String status() {
      return receipts.stream()
          .max(
              Comparator.comparingInt((Receipt r) -> rank(r.status()))
                  .thenComparing(Receipt::providerTime))
          .map(Receipt::status)
          .orElse("PENDING");
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

  /** What the channel reported, with the provider's error code for a failure. */
  public record Receipt(
      String status, Instant providerTime, @Nullable String errorCode, String eventId) {}

  /** The attempts of one case, by {@code _id}: the case's list of its outbound event ids. */
  @Document("case_communications")
  record CaseAttempts(@Id String caseId, List<String> attemptIds) {}

  /** Records that this message went out about the case. */
  public void recordAttempt(
      String outboundEventId,
      String caseId,
      Channel channel,
      String purpose,
      boolean automatic,
      String maskedRecipient,
      Instant at) {
    mongo.upsert(
        Query.query(Criteria.where("_id").is(outboundEventId)),
        new Update()
            .set("caseId", caseId)
            .set("channel", channel)
            .set("purpose", purpose)
            .set("automatic", automatic)
            .set("recipient", maskedRecipient)
            .set("at", at),
        Attempt.class);
    mongo.upsert(
        Query.query(Criteria.where("_id").is(caseId)),
        new Update().addToSet("attemptIds", outboundEventId),
        CaseAttempts.class);
  }

  /** Adds what the channel reported about one of our outbound messages. */
  public void recordReceipt(String outboundEventId, DeliveryReceipt receipt) {
    mongo.upsert(
        Query.query(Criteria.where("_id").is(outboundEventId)),
        new Update()
            .addToSet(
                "receipts",
                mongo
                    .getConverter()
                    .convertToMongoType(
                        new Receipt(
                            receipt.status().name(),
                            receipt.providerTime(),
                            receipt.errorCode(),
                            receipt.eventId()))),
        Attempt.class);
  }

  /** Every attempt about the case, oldest first. */
  public List<Attempt> ofCase(String caseId) {
    CaseAttempts ids = mongo.findById(caseId, CaseAttempts.class);
    if (ids == null || ids.attemptIds() == null || ids.attemptIds().isEmpty()) {
      return List.of();
    }
    return mongo
        .find(Query.query(Criteria.where("_id").in(ids.attemptIds())), Attempt.class)
        .stream()
        .sorted(
            Comparator.comparing(
                (Attempt a) -> a.at() == null ? Instant.MAX : a.at(), Comparator.naturalOrder()))
        .toList();
  }

  /** For tests and the view: an attempt by its outbound event id. */
  public @Nullable Attempt attempt(String outboundEventId) {
    return mongo.findById(outboundEventId, Attempt.class);
  }
}
