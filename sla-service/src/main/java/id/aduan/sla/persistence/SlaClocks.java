package id.aduan.sla.persistence;

import id.aduan.messaging.Outbox;
import id.aduan.messaging.OutboxDocuments;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

@Repository
public class SlaClocks {

  public static final String RUNNING = "RUNNING";
  public static final String PAUSED = "PAUSED";

  private final MongoTemplate mongo;
  private final OutboxDocuments outboxes;

  SlaClocks(MongoTemplate mongo) {
    this.mongo = mongo;
    this.outboxes = new OutboxDocuments(mongo);
    mongo
        .indexOps(SlaClockDocument.class)
        .createIndex(new Index("outboxPending", Sort.Direction.ASC));
  }

  /** Inserts a new clock; false when this case's clock exists already (a redelivery). */
  public boolean insert(SlaClockDocument clock) {
    return outboxes.insert(clock);
  }

  public Optional<SlaClockDocument> byId(String id) {
    return Optional.ofNullable(mongo.findById(id, SlaClockDocument.class));
  }

  public List<SlaClockDocument> withPendingOutbox(int limit) {
    return outboxes.pending(SlaClockDocument.class, limit);
  }

  public void markPublished(String id, String eventId) {
    outboxes.markPublished(SlaClockDocument.class, id, eventId);
  }

  /**
   * Running clocks whose window from start to deadline may cover a date in {@code [from, to]}
   * (instants at the edges of those days in the westernmost and easternmost agency zones; the
   * caller checks each clock precisely in its agency's zone).
   */
  public List<SlaClockDocument> runningOverlapping(Instant from, Instant to) {
    return mongo.find(
        Query.query(
            Criteria.where("state").is(RUNNING).and("startedAt").lte(to).and("deadline").gte(from)),
        SlaClockDocument.class);
  }

  /**
   * Moves a running clock's deadline and queues the event that says so, in one atomic write, and
   * starts a new schedule version. Empty when the deadline is no longer {@code expected} (another
   * instance got there first).
   */
  public Optional<SlaClockDocument> moveDeadline(
      String id, Instant expected, Instant deadline, boolean provisional, Outbox.Entry event) {
    return change(
        Criteria.where("_id").is(id).and("state").is(RUNNING).and("deadline").is(expected),
        new Update()
            .set("deadline", deadline)
            .set("nextDueAt", deadline)
            .set("provisional", provisional)
            .inc("scheduleVersion", 1),
        event);
  }

  /**
   * Announces a level (a warning, the breach, an escalation) of a running clock at most once: only
   * when the clock still runs on schedule {@code version} and the level was not fired yet.
   */
  public boolean fire(String id, int version, String level, Outbox.Entry event) {
    return change(
            Criteria.where("_id")
                .is(id)
                .and("state")
                .is(RUNNING)
                .and("scheduleVersion")
                .is(version)
                .and("fired")
                .ne(level),
            new Update().addToSet("fired", level),
            event)
        .isPresent();
  }

  /** Pauses a running clock (waiting for the citizen); its filed due moments go stale. */
  public Optional<SlaClockDocument> pause(String id, Instant at, Outbox.Entry event) {
    return change(
        Criteria.where("_id").is(id).and("state").is(RUNNING),
        new Update().set("state", PAUSED).set("pausedAt", at).inc("scheduleVersion", 1),
        event);
  }

  /** Resumes a paused clock with its moved deadline, on a new schedule version. */
  public Optional<SlaClockDocument> resume(
      String id, Instant pausedAt, Instant deadline, boolean provisional, Outbox.Entry event) {
    return change(
        Criteria.where("_id").is(id).and("state").is(PAUSED).and("pausedAt").is(pausedAt),
        new Update()
            .set("state", RUNNING)
            .unset("pausedAt")
            .set("deadline", deadline)
            .set("nextDueAt", deadline)
            .set("provisional", provisional)
            .inc("scheduleVersion", 1),
        event);
  }

  /** Stops a running or paused clock for good (resolved, rejected). */
  public Optional<SlaClockDocument> stop(String id, String state, Outbox.Entry event) {
    return change(
        Criteria.where("_id").is(id).and("state").in(RUNNING, PAUSED),
        new Update().set("state", state).inc("scheduleVersion", 1),
        event);
  }

  /** One conditional atomic write that also queues {@code event}; the changed clock, if any. */
  private Optional<SlaClockDocument> change(Criteria when, Update update, Outbox.Entry event) {
    return Optional.ofNullable(
        mongo.findAndModify(
            Query.query(when),
            update.push("outbox", event).inc("outboxSeq", 1).set("outboxPending", true),
            FindAndModifyOptions.options().returnNew(true),
            SlaClockDocument.class));
  }

  /** Publishes what is left in clocks' outboxes; see {@link OutboxDocuments#sweep}. */
  public int sweep(Outbox outbox, int limit) {
    return outboxes.sweep(
        outbox, SlaClockDocument.class, limit, SlaClockDocument::id, SlaClockDocument::outbox);
  }
}
