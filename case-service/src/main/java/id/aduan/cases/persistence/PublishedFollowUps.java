package id.aduan.cases.persistence;

import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Follow-up results an agency publishes (Bangka Belitung's standard names the publication as its
 * service product): one entry per resolved case, without personal data, replaced when the case is
 * resolved again and withdrawn when it is reopened.
 */
@Repository
public class PublishedFollowUps {

  private final MongoTemplate mongo;

  PublishedFollowUps(MongoTemplate mongo) {
    this.mongo = mongo;
    mongo
        .indexOps(FollowUp.class)
        .createIndex(
            new Index("agencyCode", Sort.Direction.ASC).on("resolvedAt", Sort.Direction.DESC));
  }

  /** A published follow-up: what the public reads. {@code _id} is the case id. */
  @Document("published_follow_ups")
  public record FollowUp(
      @Id String caseId,
      String agencyCode,
      String ticket,
      @Nullable String topic,
      @Nullable String division,
      Instant receivedAt,
      Instant resolvedAt,
      String summary,
      String whatWasDone) {}

  public void publish(FollowUp followUp) {
    mongo.save(followUp);
  }

  public void withdraw(String caseId) {
    mongo.remove(Query.query(Criteria.where("_id").is(caseId)), FollowUp.class);
  }

  /** The agency's published follow-ups, newest first. */
  public List<FollowUp> ofAgency(String agencyCode, int page, int size) {
    return mongo.find(
        Query.query(Criteria.where("agencyCode").is(agencyCode))
            .with(Sort.by(Sort.Direction.DESC, "resolvedAt"))
            .skip((long) page * size)
            .limit(size),
        FollowUp.class);
  }
}
