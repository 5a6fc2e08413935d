package id.aduan.sla.persistence;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.model.InsertManyOptions;
import id.aduan.support.messaging.Outbox;
import id.aduan.support.messaging.OutboxDocuments;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
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

  /** A claim to make: its id, its clock and the event that announces the level. */
  public record Wanted(String claimId, String clockId, Outbox.Entry event) {}

  /**
   * Claims several levels in one unordered insert; returns the ids this call won (the others were
   * claimed before, by a redelivery or another instance).
   */
  public Set<String> claimAll(List<Wanted> wanted) {
    if (wanted.isEmpty()) {
      return Set.of();
    }
    List<org.bson.Document> docs = new ArrayList<>(wanted.size());
    for (Wanted w : wanted) {
      org.bson.Document doc = new org.bson.Document();
      mongo
          .getConverter()
          .write(new Claim(w.claimId(), w.clockId(), List.of(w.event()), true, 1), doc);
      docs.add(doc);
    }
    Set<String> won = new LinkedHashSet<>();
    wanted.forEach(w -> won.add(w.claimId()));
    try {
      mongo.getCollection(COLLECTION).insertMany(docs, new InsertManyOptions().ordered(false));
    } catch (MongoBulkWriteException e) {
      for (BulkWriteError error : e.getWriteErrors()) {
        if (error.getCategory() != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
        won.remove(wanted.get(error.getIndex()).claimId());
      }
    }
    return won;
  }

  /** The events of these claims are on Kafka: nothing is pending (one write, by {@code _id}). */
  public void publishedAll(Collection<String> claimIds) {
    if (!claimIds.isEmpty()) {
      mongo.updateMulti(
          Query.query(Criteria.where("_id").in(claimIds)),
          new Update().set("outbox", List.of()).set("outboxPending", false),
          COLLECTION);
    }
  }

  /** Gives up a claim whose clock changed before its event was published. */
  public void release(String claimId) {
    mongo.remove(Query.query(Criteria.where("_id").is(claimId)), COLLECTION);
  }

  /** Removes the claims of a clock that stopped: its levels cannot come due any more. */
  public void forget(List<String> claimIds) {
    if (!claimIds.isEmpty()) {
      mongo.remove(Query.query(Criteria.where("_id").in(claimIds)), COLLECTION);
    }
  }

  /** Publishes claims whose event a crash or an outage left unpublished. */
  public int sweep(Outbox outbox, int limit) {
    return sweep(outbox, limit, entry -> true);
  }

  /** As {@link #sweep(Outbox, int)}, publishing only the entries {@code due} accepts. */
  public int sweep(Outbox outbox, int limit, Predicate<Outbox.Entry> due) {
    return outboxes.sweep(
        outbox, Claim.class, limit, Claim::id, c -> c.outbox().stream().filter(due).toList());
  }
}
