package id.aduan.cases.persistence;

import id.aduan.contracts.CaseStatus;
import id.aduan.contracts.Channel;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Read-only queries over cases for the officer inbox and the operations dashboard. Every query
 * starts with the agency (the {@code agencyCode}+{@code status} and {@code agencyCode}+{@code
 * receivedAt} indexes), and a division officer's query carries the division, so the scoping is in
 * the query, not in the page.
 */
@Repository
public class CaseQueries {

  private final MongoTemplate mongo;

  CaseQueries(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** What an inbox asks for; null means "any". */
  public record InboxFilter(
      String agencyCode,
      Collection<CaseStatus> statuses,
      @Nullable String division,
      @Nullable Channel channel,
      int limit) {}

  /** Cases of one agency in the given states, newest first. */
  public List<CaseDocument> inbox(InboxFilter f) {
    Criteria where = Criteria.where("agencyCode").is(f.agencyCode()).and("status").in(f.statuses());
    if (f.division() != null) {
      where = where.and("division").is(f.division());
    }
    if (f.channel() != null) {
      where = where.and("channel").is(f.channel());
    }
    Query q = new Query(where).with(Sort.by(Sort.Direction.DESC, "receivedAt")).limit(f.limit());
    q.fields().exclude("outbox", "form", "identityKeys", "replyAddress", "otherReporters");
    return mongo.find(q, CaseDocument.class);
  }

  /** Cases of the agencies received since the instant: the dashboard's window. */
  public List<CaseDocument> receivedSince(Collection<String> agencyCodes, Instant since) {
    Query q = new Query(Criteria.where("agencyCode").in(agencyCodes).and("receivedAt").gte(since));
    q.fields()
        .exclude("outbox", "form", "identityKeys", "replyAddress", "otherReporters", "citizenName");
    return mongo.find(q, CaseDocument.class);
  }

  /** Cases of the agencies in the given states, whenever received: the backlog. */
  public List<CaseDocument> inStates(
      Collection<String> agencyCodes, Collection<CaseStatus> states) {
    Query q = new Query(Criteria.where("agencyCode").in(agencyCodes).and("status").in(states));
    q.fields()
        .exclude(
            "outbox",
            "form",
            "identityKeys",
            "replyAddress",
            "otherReporters",
            "citizenName",
            "messages",
            "timeline");
    return mongo.find(q, CaseDocument.class);
  }
}
