package id.aduan.lapor.persistence;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Every LAPOR! response exactly as received, so a mapping bug or a dispute about what LAPOR! sent
 * can be settled later, and a new mapper version can be replayed over old responses. It holds
 * personal data (reporters) and is protected like the topics; kept 90 days (TTL on {@code at}).
 */
@Repository
public class RawResponses {

  static final String COLLECTION = "lapor_raw_responses";
  private final MongoTemplate mongo;

  RawResponses(MongoTemplate mongo) {
    this.mongo = mongo;
    mongo
        .indexOps(COLLECTION)
        .createIndex(new Index("at", Sort.Direction.ASC).expire(Duration.ofDays(90)));
    mongo.indexOps(COLLECTION).createIndex(new Index("laporAgencyId", Sort.Direction.ASC));
  }

  public void archive(String kind, String laporAgencyId, String body, Instant at) {
    mongo.insert(
        new RawResponse(UUID.randomUUID().toString(), kind, laporAgencyId, at, body), COLLECTION);
  }

  public List<RawResponse> of(String laporAgencyId) {
    return mongo.find(
        Query.query(Criteria.where("laporAgencyId").is(laporAgencyId))
            .with(Sort.by("at"))
            .limit(1000),
        RawResponse.class,
        COLLECTION);
  }

  public record RawResponse(
      String id, String kind, String laporAgencyId, Instant at, String body) {}
}
