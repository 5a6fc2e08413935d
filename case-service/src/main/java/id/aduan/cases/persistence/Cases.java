package id.aduan.cases.persistence;

import id.aduan.cases.application.CaseRepository;
import id.aduan.cases.domain.CaseState;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.Channel;
import id.aduan.support.messaging.OutboxDocuments;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mapping.context.MappingContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.MongoPersistentEntity;
import org.springframework.data.mongodb.core.mapping.MongoPersistentProperty;
import org.springframework.data.mongodb.core.mapping.Unwrapped;
import org.springframework.data.mongodb.core.mapping.event.AfterSaveEvent;
import org.springframework.data.mongodb.core.mapping.event.BeforeConvertEvent;
import org.springframework.data.mongodb.core.mapping.event.BeforeSaveEvent;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** The cases collection. Only single-document atomic operations, so any MongoDB will do. */
@Repository
public class Cases implements CaseRepository {

  private final MongoTemplate mongo;
  private final ApplicationEventPublisher events;
  private final Set<String> storedFields;

  /**
   * @param events where the mapping events of a save go (the application context in the service, as
   *     for the template's own writes): the personal-data codec encrypts on {@link BeforeSaveEvent}
   */
  Cases(MongoTemplate mongo, ApplicationEventPublisher events) {
    this.mongo = mongo;
    this.events = events;
    this.storedFields = storedFields(mongo);
    var indexes = mongo.indexOps(CaseDocument.class);
    indexes.createIndex(new Index("ticket", Sort.Direction.ASC).unique());
    indexes.createIndex(new Index("outboxPending", Sort.Direction.ASC));
    indexes.createIndex(
        new Index("agencyCode", Sort.Direction.ASC).on("status", Sort.Direction.ASC));
    indexes.createIndex(
        new Index("agencyCode", Sort.Direction.ASC).on("citizenKey", Sort.Direction.ASC));
    indexes.createIndex(
        new Index("agencyCode", Sort.Direction.ASC)
            .on("messages.providerMessageId", Sort.Direction.ASC));
    indexes.createIndex(
        new Index("agencyCode", Sort.Direction.ASC).on("receivedAt", Sort.Direction.DESC));
    indexes.createIndex(
        new Index("agencyCode", Sort.Direction.ASC)
            .on(DUP_KEYS, Sort.Direction.ASC)
            .on("receivedAt", Sort.Direction.DESC));
  }

  /**
   * The field holding a case's duplicate keys ({@code Duplicates.keys}, written on save by {@link
   * DuplicateKeys}); multikey-indexed with the agency and the receipt time.
   */
  public static final String DUP_KEYS = "dupKeys";

  private static final String COLLECTION = "cases";

  private static final List<CaseStatus> CLOSED =
      List.of(CaseStatus.RESOLVED, CaseStatus.ARCHIVED, CaseStatus.REJECTED, CaseStatus.MERGED);

  /**
   * The fields only the SLA service's reports write ({@link #recordDeadline}): a save never writes
   * them, so that a case saved from a read made before a report cannot put the old deadlines back
   * (issue 21, docs/adr/0040-sla-state-is-never-saved-over.md).
   */
  static final Set<String> SLA_REPORTED = Set.of("deadlines");

  /**
   * Writes a changed case if nobody else changed it since it was read (its version); throws {@link
   * OptimisticLockingFailureException} otherwise. Every field of the case is written as the mapping
   * writes it (and the personal-data codec encrypts it), fields the case no longer has are removed,
   * and the version moves, all in one update of the one document; the SLA-reported fields ({@link
   * #SLA_REPORTED}) are left as they are stored. A case not stored yet (no version) is inserted.
   */
  @Override
  public CaseDocument save(CaseDocument doc) {
    Long read = doc.version();
    if (read == null) {
      return mongo.save(doc);
    }
    CaseDocument next =
        new CaseDocument(
            doc.id(),
            doc.state(),
            doc.outbox(),
            doc.outboxPending(),
            read + 1,
            doc.personalDataUnreadable());
    events.publishEvent(new BeforeConvertEvent<>(next, COLLECTION));
    Document written = new Document();
    mongo.getConverter().write(next, written);
    events.publishEvent(new BeforeSaveEvent<>(next, written, COLLECTION));
    Document set = new Document(written);
    set.remove("_id");
    SLA_REPORTED.forEach(set::remove);
    Document unset = new Document();
    for (String field : storedFields) {
      if (!written.containsKey(field) && !SLA_REPORTED.contains(field)) {
        unset.put(field, "");
      }
    }
    Document update = new Document("$set", set);
    if (!unset.isEmpty()) {
      update.put("$unset", unset);
    }
    long matched =
        mongo
            .getCollection(COLLECTION)
            // The id as the mapping stores it (a string shaped like an ObjectId becomes one).
            .updateOne(new Document("_id", written.get("_id")).append("version", read), update)
            .getMatchedCount();
    if (matched == 0) {
      throw new OptimisticLockingFailureException(
          "case " + doc.id() + " was changed since its version " + read + " was read");
    }
    events.publishEvent(new AfterSaveEvent<>(next, written, COLLECTION));
    return next;
  }

  /** The top-level fields the mapping of a case may write (the state's are stored unwrapped). */
  private static Set<String> storedFields(MongoTemplate mongo) {
    var context = mongo.getConverter().getMappingContext();
    Set<String> fields = new LinkedHashSet<>();
    addFields(context.getRequiredPersistentEntity(CaseDocument.class), "", context, fields);
    fields.remove("_id");
    return Set.copyOf(fields);
  }

  private static void addFields(
      MongoPersistentEntity<?> entity,
      String prefix,
      MappingContext<? extends MongoPersistentEntity<?>, MongoPersistentProperty> context,
      Set<String> fields) {
    for (MongoPersistentProperty p : entity) {
      if (p.isUnwrapped()) {
        Unwrapped unwrapped = p.getRequiredAnnotation(Unwrapped.class);
        addFields(
            context.getRequiredPersistentEntity(p), prefix + unwrapped.prefix(), context, fields);
      } else {
        fields.add(prefix + p.getFieldName());
      }
    }
  }

  /** The agency's case holding a message with this provider id on this channel (a redelivery). */
  @Override
  public Optional<CaseDocument> holdingMessage(
      String agencyCode, Channel channel, String providerMessageId) {
    return Optional.ofNullable(
        mongo.findOne(
            Query.query(
                Criteria.where("agencyCode")
                    .is(agencyCode)
                    .and("messages")
                    .elemMatch(
                        Criteria.where("providerMessageId")
                            .is(providerMessageId)
                            .and("channel")
                            .is(channel))),
            CaseDocument.class));
  }

  /** The agency's case holding any of these provider message ids (what a reply refers to). */
  @Override
  public Optional<CaseDocument> holdingAnyMessage(String agencyCode, List<String> providerIds) {
    if (providerIds.isEmpty()) {
      return Optional.empty();
    }
    return Optional.ofNullable(
        mongo.findOne(
            Query.query(
                Criteria.where("agencyCode")
                    .is(agencyCode)
                    .and("messages.providerMessageId")
                    .in(providerIds)),
            CaseDocument.class));
  }

  /** The citizen's most recent case in the agency that is still open. */
  @Override
  public Optional<CaseDocument> latestOpenOfCitizen(String agencyCode, String citizenKey) {
    return openOfCitizen(agencyCode, citizenKey, 1).stream().findFirst();
  }

  /** The citizen's open cases in the agency, the one they wrote to last first. */
  @Override
  public List<CaseDocument> openOfCitizen(String agencyCode, String citizenKey, int limit) {
    return mongo.find(
        Query.query(
                Criteria.where("agencyCode")
                    .is(agencyCode)
                    .and("citizenKey")
                    .is(citizenKey)
                    .and("status")
                    .nin(CLOSED))
            .with(Sort.by(Sort.Direction.DESC, "lastCitizenMessageAt"))
            .limit(limit),
        CaseDocument.class);
  }

  /** The citizen's most recently resolved case in the agency (whose survey a rating may answer). */
  @Override
  public Optional<CaseDocument> latestResolvedOfCitizen(String agencyCode, String citizenKey) {
    return Optional.ofNullable(
        mongo.findOne(
            Query.query(
                    Criteria.where("agencyCode")
                        .is(agencyCode)
                        .and("citizenKey")
                        .is(citizenKey)
                        .and("status")
                        .in(CaseStatus.RESOLVED, CaseStatus.ARCHIVED))
                .with(Sort.by(Sort.Direction.DESC, "openedAt"))
                .limit(1),
            CaseDocument.class));
  }

  /** Open cases of the agency received since {@code since} (duplicate candidates), newest first. */
  @Override
  public List<CaseDocument> openSince(String agencyCode, Instant since, int limit) {
    return mongo.find(
        Query.query(
                Criteria.where("agencyCode")
                    .is(agencyCode)
                    .and("receivedAt")
                    .gte(since)
                    .and("status")
                    .nin(CLOSED))
            .with(Sort.by(Sort.Direction.DESC, "receivedAt"))
            .limit(limit),
        CaseDocument.class);
  }

  /**
   * Open cases of the agency received since {@code since} that share one of these duplicate keys,
   * or that were stored before cases had keys (no {@code dupKeys}: {@code null} in {@code $in}
   * matches a missing field), newest first: an index lookup on (agencyCode, dupKeys, receivedAt)
   * whose cost does not grow with the number of unrelated open cases
   * (docs/adr/0049-duplicate-candidates-by-key.md).
   */
  @Override
  public List<CaseDocument> duplicateCandidates(
      String agencyCode, Instant since, List<String> dupKeys, int limit) {
    List<@Nullable String> keys = new java.util.ArrayList<>(dupKeys);
    keys.add(null);
    return mongo.find(
        Query.query(
                Criteria.where("agencyCode")
                    .is(agencyCode)
                    .and(DUP_KEYS)
                    .in(keys)
                    .and("receivedAt")
                    .gte(since)
                    .and("status")
                    .nin(CLOSED))
            .with(Sort.by(Sort.Direction.DESC, "receivedAt"))
            .limit(limit),
        CaseDocument.class);
  }

  /** Inserts a new case; false when a case with this id exists already. */
  @Override
  public boolean insert(CaseDocument doc) {
    try {
      mongo.insert(doc);
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  @Override
  public Optional<CaseDocument> byId(String id) {
    return Optional.ofNullable(mongo.findById(id, CaseDocument.class));
  }

  @Override
  public Optional<CaseDocument> byTicket(String ticket) {
    return Optional.ofNullable(
        mongo.findOne(Query.query(Criteria.where("ticket").is(ticket)), CaseDocument.class));
  }

  /**
   * Whose cases a query may return: one agency, and for a division officer one division. Every
   * officer-facing read goes through a scope, so that the restriction is part of the query.
   */
  public record Scope(String agencyCode, @Nullable String division) {}

  /**
   * What an officer filters a case list by; null means "any".
   *
   * @param slaState a deadline state ({@code RUNNING}, {@code WARNING}, {@code BREACHED}, ...) of
   *     any of the case's clocks, among {@code clocks}
   * @param lookupKeys keyed hashes of a NIK or phone number (exact lookup without clear values)
   * @param unsure true: only the verifier's triage queue, the cases whose classifier proposal was
   *     unsure and that no officer has classified yet
   */
  public record Filter(
      List<CaseStatus> statuses,
      @Nullable String division,
      @Nullable String slaState,
      List<String> clocks,
      @Nullable Channel channel,
      @Nullable Instant receivedFrom,
      @Nullable Instant receivedTo,
      @Nullable String assignee,
      @Nullable String text,
      List<String> lookupKeys,
      boolean unsure) {}

  /** One page of a search, and how many cases match in all. */
  public record Found(List<CaseDocument> cases, long total) {}

  /** The case with this ticket if the scope may see it; empty for every other case. */
  public Optional<CaseDocument> visible(Scope scope, String ticket) {
    return Optional.ofNullable(
        mongo.findOne(Query.query(scoped(scope).and("ticket").is(ticket)), CaseDocument.class));
  }

  /** The cases of the scope matching the filter, newest received first. */
  public Found search(Scope scope, Filter f, int page, int size) {
    Criteria c = scoped(scope);
    if (!f.statuses().isEmpty()) {
      c.and("status").in(f.statuses());
    }
    if (f.division() != null) {
      if (scope.division() != null && !scope.division().equals(f.division())) {
        return new Found(List.of(), 0);
      }
      if (scope.division() == null) {
        c.and("division").is(f.division());
      }
    }
    if (f.channel() != null) {
      c.and("channel").is(f.channel());
    }
    if (f.receivedFrom() != null || f.receivedTo() != null) {
      Criteria range = c.and("receivedAt");
      if (f.receivedFrom() != null) {
        range.gte(f.receivedFrom());
      }
      if (f.receivedTo() != null) {
        range.lt(f.receivedTo());
      }
    }
    if (f.assignee() != null) {
      c.and("assignee").is(f.assignee());
    }
    if (!f.lookupKeys().isEmpty()) {
      c.and(PII_LOOKUP).in(f.lookupKeys());
    }
    if (f.unsure()) {
      c.and("proposal.unsure").is(true);
      if (f.statuses().isEmpty()) {
        c.and("status").in(CaseStatus.RECEIVED, CaseStatus.INCOMPLETE, CaseStatus.VERIFIED);
      }
    }
    List<Criteria> all = new java.util.ArrayList<>();
    all.add(c);
    if (f.slaState() != null) {
      if (f.clocks().isEmpty()) {
        return new Found(List.of(), 0);
      }
      all.add(
          new Criteria()
              .orOperator(
                  f.clocks().stream()
                      .map(
                          clock -> Criteria.where("deadlines." + clock + ".state").is(f.slaState()))
                      .toList()));
    }
    if (f.text() != null && !f.text().isBlank()) {
      java.util.regex.Pattern words =
          java.util.regex.Pattern.compile(
              java.util.regex.Pattern.quote(f.text().strip()),
              java.util.regex.Pattern.CASE_INSENSITIVE);
      all.add(
          new Criteria()
              .orOperator(
                  Criteria.where("ticket").regex(words),
                  Criteria.where("topic").regex(words),
                  Criteria.where("messages.text").regex(words),
                  Criteria.where("form.description").regex(words)));
    }
    Query query =
        Query.query(all.size() == 1 ? c : new Criteria().andOperator(all.toArray(Criteria[]::new)));
    long total = mongo.count(query, CaseDocument.class);
    List<CaseDocument> cases =
        mongo.find(
            query
                .with(Sort.by(Sort.Direction.DESC, "receivedAt"))
                .skip((long) page * size)
                .limit(size),
            CaseDocument.class);
    return new Found(cases, total);
  }

  /** The field holding keyed hashes of the NIKs and phone numbers of a case (written on save). */
  public static final String PII_LOOKUP = "piiLookup";

  private static Criteria scoped(Scope scope) {
    Criteria c = Criteria.where("agencyCode").is(scope.agencyCode());
    if (scope.division() != null) {
      c.and("division").is(scope.division());
    }
    return c;
  }

  /**
   * Empties the outbox of a case whose entries were all published, in one write that does not move
   * the version, if the case is still at {@code version} (nothing was added since: every write that
   * adds an entry moves it); false otherwise (issue 20: one round trip, not two per event).
   */
  public boolean emptyOutbox(String caseId, long version) {
    return mongo
            .updateFirst(
                Query.query(Criteria.where("_id").is(caseId).and("version").is(version)),
                new Update().set("outbox", List.of()).set("outboxPending", false),
                COLLECTION)
            .getMatchedCount()
        == 1;
  }

  /** Cases whose outbox still holds events (the relay's backlog). */
  public List<CaseDocument> withPendingOutbox(int limit) {
    return mongo.find(
        Query.query(Criteria.where("outboxPending").is(true)).limit(limit), CaseDocument.class);
  }

  /**
   * Removes a published event from a case's outbox. Written by collection name, not by entity, so
   * that the case's version does not move: publishing is not a change an officer must re-read.
   */
  public void markPublished(String caseId, String eventId) {
    // Every save of a case moves its version, so the version guards the pending flag.
    new OutboxDocuments(mongo).markPublished(COLLECTION, caseId, eventId, "version");
  }

  /**
   * Records the deadline the SLA service reported for one of the case's clocks. The version does
   * not move (an SLA report is no change an officer must re-read before acting, so their {@code
   * If-Match} stays good); no save writes the deadlines ({@link #SLA_REPORTED}), so none can put an
   * older one back.
   */
  public void recordDeadline(String caseId, CaseState.Deadline deadline) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(caseId)),
        new Update()
            .set(
                "deadlines." + deadline.clock(), mongo.getConverter().convertToMongoType(deadline)),
        COLLECTION);
  }
}
