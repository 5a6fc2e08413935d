package id.aduan.cases.persistence;

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

  /** Removes a published event from a case's outbox. */
  public void markPublished(String caseId, String eventId) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(caseId)),
        new Update().pull("outbox", Query.query(Criteria.where("eventId").is(eventId))),
        CaseDocument.class);
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(caseId).and("outbox").size(0)),
        new Update().set("outboxPending", false),
        CaseDocument.class);
  }

  /** Records the deadline the SLA service reported for one of the case's clocks. */
  public void recordDeadline(String caseId, CaseDocument.Deadline deadline) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(caseId)),
        new Update().set("deadlines." + deadline.clock(), deadline),
        CaseDocument.class);
  }
}
