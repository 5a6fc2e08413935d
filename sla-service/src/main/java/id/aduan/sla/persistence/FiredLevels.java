package id.aduan.sla.persistence;

import id.aduan.messaging.Outbox;
import id.aduan.messaging.OutboxDocuments;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * The claims that make each level (a warning, the breach, an escalation) fire once per run of a
 * clock, however many instances scan: a level is announced by whoever inserts its claim, whose
 * {@code _id} is the clock, the run and the level (docs/adr/0017-fired-levels-claimed-by-id.md). A
 * unique {@code _id} insert is atomic on MongoDB and on the wire-protocol stand-in alike, and every
 * write here selects by {@code _id} alone, which the stand-in answers from its primary index (a
 * filter with any other field makes it read the whole collection). The claim carries the event as
 * its outbox, so a crash between claim and publish loses nothing: {@code OutboxSweep} publishes it.
 */
@Repository
public class FiredLevels {

  static final String COLLECTION = "sla_fired";

  /** One claimed level with the event that announces it. */
  @Document(COLLECTION)
  public record Claim(
      @Id String id,
      String clockId,
      List<Outbox.Entry> outbox,
      boolean outboxPending,
      long outboxSeq) {}

  private final MongoTemplate mongo;
  private final OutboxDocuments outboxes;

  FiredLevels(MongoTemplate mongo) {
    this.mongo = mongo;
    this.outboxes = new OutboxDocuments(mongo);
  }

  /** Claims a level; false when another delivery or instance claimed it first. */
  public boolean claim(String claimId, String clockId, Outbox.Entry event) {
    try {
      mongo.insert(new Claim(claimId, clockId, List.of(event), true, 1));
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  /** Gives up a claim whose clock changed before its event was published. */
  public void release(String claimId) {
    mongo.remove(Query.query(Criteria.where("_id").is(claimId)), COLLECTION);
  }

  /** Its only event is on Kafka: nothing is pending any more (a write by id only). */
  public void published(String claimId) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(claimId)),
        new Update().set("outbox", List.of()).set("outboxPending", false),
        COLLECTION);
  }

  /** Removes the claims of a clock that stopped: its levels cannot come due any more. */
  public void forget(List<String> claimIds) {
    if (!claimIds.isEmpty()) {
      mongo.remove(Query.query(Criteria.where("_id").in(claimIds)), COLLECTION);
    }
  }

  /** Publishes claims whose event a crash or an outage left unpublished. */
  public int sweep(Outbox outbox, int limit) {
    return outboxes.sweep(outbox, Claim.class, limit, Claim::id, Claim::outbox);
  }
}
