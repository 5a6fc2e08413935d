package id.aduan.sla.persistence;

import id.aduan.contracts.ClockState;
import id.aduan.sla.domain.SlaPolicy;
import id.aduan.support.messaging.Outbox;
import id.aduan.support.messaging.OutboxDocuments;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

@Repository
public class SlaClocks {

  private static final String RUNNING = ClockState.RUNNING.name();
  private static final String PAUSED = ClockState.PAUSED.name();

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

  /** Every clock of a case, read by id (the clock names are a fixed set). */
  public List<SlaClockDocument> ofCase(String caseId) {
    return mongo.find(
        Query.query(
            Criteria.where("_id")
                .in(SlaPolicy.CLOCKS.stream().map(c -> caseId + "/" + c).toList())),
        SlaClockDocument.class);
  }

  /** Records the division a case's clock is with (a write by id only). */
  public void assignDivision(String id, String division) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(id)),
        new Update().set("division", division),
        SlaClockDocument.class);
  }

  /** Clocks by id, in one read ({@code _id $in}, which the stand-in answers from its index). */
  public Map<String, SlaClockDocument> byIds(Collection<String> ids) {
    Map<String, SlaClockDocument> found = new HashMap<>();
    if (!ids.isEmpty()) {
      for (SlaClockDocument c :
          mongo.find(Query.query(Criteria.where("_id").in(ids)), SlaClockDocument.class)) {
        found.put(c.id(), c);
      }
    }
    return found;
  }

  /** Records several announced levels, {@code clock id -> level}, in one bulk write by id. */
  public void markFiredAll(List<Map.Entry<String, String>> levels) {
    if (levels.isEmpty()) {
      return;
    }
    BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, SlaClockDocument.class);
    for (Map.Entry<String, String> level : levels) {
      bulk.updateOne(
          Query.query(Criteria.where("_id").is(level.getKey())),
          new Update().addToSet("fired", level.getValue()));
    }
    bulk.execute();
  }

  /** Takes a level back that was claimed for a clock that has changed meanwhile. */
  public void unmarkFired(String id, String level) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(id)),
        new Update().pull("fired", level),
        SlaClockDocument.class);
  }

  /**
   * Applies new terms to a running or paused clock (reclassification, an extension): its policy,
   * allowed duration, extension and deadline, on a new schedule version, with the event that says
   * so. Empty when the clock is no longer on schedule {@code version} (another change came first).
   */
  public Optional<SlaClockDocument> reterm(
      String id,
      int version,
      String policy,
      String duration,
      @Nullable String extension,
      Instant deadline,
      boolean provisional,
      Outbox.Entry event) {
    return change(
        Criteria.where("_id")
            .is(id)
            .and("scheduleVersion")
            .is(version)
            .and("state")
            .in(RUNNING, PAUSED),
        new Update()
            .set("policy", policy)
            .set("duration", duration)
            .set("extension", extension)
            .set("deadline", deadline)
            .set("nextDueAt", deadline)
            .set("provisional", provisional)
            .inc("scheduleVersion", 1),
        event);
  }

  /**
   * Runs a finished clock again from {@code startedAt} (LAPOR!'s closing clock after a second
   * answer, a reopened case's completion): a new run, with no pause or extension yet, so its levels
   * may be announced again.
   */
  public Optional<SlaClockDocument> restart(
      String id, Instant startedAt, Instant deadline, boolean provisional, Outbox.Entry event) {
    return change(
        Criteria.where("_id").is(id).and("state").nin(RUNNING, PAUSED),
        new Update()
            .set("state", RUNNING)
            .set("startedAt", startedAt)
            .set("deadline", deadline)
            .set("nextDueAt", deadline)
            .set("provisional", provisional)
            .set("fired", List.of())
            .set("pausedSeconds", 0L)
            .unset("pausedAt")
            .unset("extension")
            .inc("scheduleVersion", 1),
        event);
  }

  public List<SlaClockDocument> withPendingOutbox(int limit) {
    return outboxes.pending(SlaClockDocument.class, limit);
  }

  public void markPublished(String id, String eventId) {
    outboxes.markPublished(SlaClockDocument.class, id, eventId);
  }

  /**
   * Empties the outbox of a clock whose entries were all published, in one write, if the clock is
   * still on schedule {@code version} (nothing was added since: every write that adds an entry
   * moves it); false otherwise.
   */
  public boolean emptyOutbox(String id, int version) {
    return mongo
            .updateFirst(
                Query.query(Criteria.where("_id").is(id).and("scheduleVersion").is(version)),
                new Update().set("outbox", List.of()).set("outboxPending", false),
                SlaClockDocument.class)
            .getMatchedCount()
        == 1;
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

  /** Pauses a running clock (waiting for the citizen); its filed due moments go stale. */
  public Optional<SlaClockDocument> pause(String id, Instant at, Outbox.Entry event) {
    return change(
        Criteria.where("_id").is(id).and("state").is(RUNNING),
        new Update().set("state", PAUSED).set("pausedAt", at).inc("scheduleVersion", 1),
        event);
  }

  /** Resumes a paused clock with its moved deadline, on a new schedule version. */
  public Optional<SlaClockDocument> resume(
      String id,
      Instant pausedAt,
      long pausedSeconds,
      Instant deadline,
      boolean provisional,
      Outbox.Entry event) {
    return change(
        Criteria.where("_id").is(id).and("state").is(PAUSED).and("pausedAt").is(pausedAt),
        new Update()
            .set("state", RUNNING)
            .unset("pausedAt")
            .set("deadline", deadline)
            .set("nextDueAt", deadline)
            .set("provisional", provisional)
            .inc("pausedSeconds", pausedSeconds)
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
    return sweep(outbox, limit, entry -> true);
  }

  /** As {@link #sweep(Outbox, int)}, publishing only the entries {@code due} accepts. */
  public int sweep(Outbox outbox, int limit, Predicate<Outbox.Entry> due) {
    return outboxes.sweep(
        outbox,
        SlaClockDocument.class,
        limit,
        SlaClockDocument::id,
        c -> c.outbox().stream().filter(due).toList());
  }
}
