package id.aduan.cases.persistence;

import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.Channel;
import id.aduan.messaging.OutboxDocuments;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
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
public class Cases {

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
  public CaseDocument save(CaseDocument doc) {
    return mongo.save(doc);
  }

  /** The agency's case holding a message with this provider id on this channel (a redelivery). */
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
  public boolean insert(CaseDocument doc) {
    try {
      mongo.insert(doc);
      return true;
    } catch (DuplicateKeyException e) {
      return false;
    }
  }

  public Optional<CaseDocument> byId(String id) {
    return Optional.ofNullable(mongo.findById(id, CaseDocument.class));
  }

  public Optional<CaseDocument> byTicket(String ticket) {
    return Optional.ofNullable(
        mongo.findOne(Query.query(Criteria.where("ticket").is(ticket)), CaseDocument.class));
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
  public void recordDeadline(String caseId, CaseDocument.Deadline deadline) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(caseId)),
        new Update()
            .set(
                "deadlines." + deadline.clock(), mongo.getConverter().convertToMongoType(deadline)),
        COLLECTION);
  }
}
