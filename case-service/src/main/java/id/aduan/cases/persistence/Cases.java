package id.aduan.cases.persistence;

import id.aduan.cases.application.CaseRepository;
import id.aduan.cases.domain.CaseState;
import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.Channel;
import id.aduan.support.messaging.OutboxDocuments;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** The cases collection. Only single-document atomic operations, so any MongoDB will do. */
@Repository
public class Cases implements CaseRepository {

  private final MongoTemplate mongo;

  Cases(MongoTemplate mongo) {
    this.mongo = mongo;
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
  }

  private static final String COLLECTION = "cases";

  private static final List<CaseStatus> CLOSED =
      List.of(CaseStatus.RESOLVED, CaseStatus.ARCHIVED, CaseStatus.REJECTED, CaseStatus.MERGED);

  /**
   * Writes a changed case if nobody else changed it since it was read (its version); throws {@link
   * org.springframework.dao.OptimisticLockingFailureException} otherwise.
   */
  @Override
  public CaseDocument save(CaseDocument doc) {
    return mongo.save(doc);
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
    return Optional.ofNullable(
        mongo.findOne(
            Query.query(
                    Criteria.where("agencyCode")
                        .is(agencyCode)
                        .and("citizenKey")
                        .is(citizenKey)
                        .and("status")
                        .nin(CLOSED))
                .with(Sort.by(Sort.Direction.DESC, "lastCitizenMessageAt"))
                .limit(1),
            CaseDocument.class));
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

  /** Records the deadline the SLA service reported for one of the case's clocks. */
  public void recordDeadline(String caseId, CaseState.Deadline deadline) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(caseId)),
        new Update()
            .set(
                "deadlines." + deadline.clock(), mongo.getConverter().convertToMongoType(deadline)),
        COLLECTION);
  }
}
