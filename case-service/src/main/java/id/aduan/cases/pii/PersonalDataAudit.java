package id.aduan.cases.pii;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
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
 * Every read of personal data in clear, written before the data is returned (collection {@code
 * pii_access}): who, when, which case, which fields, and why. The entry names fields, never values.
 */
@Repository
public class PersonalDataAudit {

  private final MongoTemplate mongo;
  private final MeterRegistry meters;
  private final Clock clock;

  public PersonalDataAudit(MongoTemplate mongo, MeterRegistry meters, Clock clock) {
    this.mongo = mongo;
    this.meters = meters;
    this.clock = clock;
    mongo
        .indexOps(Access.class)
        .createIndex(new Index("agencyCode", Sort.Direction.ASC).on("ticket", Sort.Direction.ASC));
  }

  @Document("pii_access")
  public record Access(
      @Id String id,
      Instant at,
      String officer,
      String role,
      String agencyCode,
      String ticket,
      List<String> fields,
      String purpose) {}

  public Access record(
      String officer,
      String role,
      String agencyCode,
      String ticket,
      List<String> fields,
      String purpose) {
    Access a =
        new Access(
            UUID.randomUUID().toString(),
            clock.instant(),
            officer,
            role,
            agencyCode,
            ticket,
            List.copyOf(fields),
            purpose);
    mongo.insert(a);
    meters
        .counter(
            "aduan.cases.personal.data.reads",
            "agency",
            agencyCode,
            "role",
            role.toLowerCase(Locale.ROOT))
        .increment();
    return a;
  }

  /** The agency's access entries, newest first; one ticket's when given. */
  public List<Access> of(String agencyCode, @Nullable String ticket, int limit) {
    Criteria c = Criteria.where("agencyCode").is(agencyCode);
    if (ticket != null) {
      c.and("ticket").is(ticket);
    }
    return mongo.find(
        Query.query(c).with(Sort.by(Sort.Direction.DESC, "at")).limit(limit), Access.class);
  }
}
