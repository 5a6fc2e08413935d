package id.aduan.cases.persistence;

import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.stereotype.Repository;

/** Officer accounts of the local default (production authenticates through OIDC instead). */
@Repository
public class Officers {

  private final MongoTemplate mongo;

  Officers(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  public Optional<Officer> byUsername(String username) {
    return Optional.ofNullable(mongo.findById(username, Officer.class));
  }

  /** Adds the account unless it exists (a restart keeps changed passwords). */
  public void addIfAbsent(Officer officer) {
    if (mongo.findById(officer.username(), Officer.class) == null) {
      mongo.insert(officer);
    }
  }

  /**
   * @param passwordHash bcrypt
   * @param role ADMIN, VERIFIER, COORDINATOR, DIVISION_OFFICER, HEAD or OPERATIONS
   * @param division the division (bidang) of a division officer, else null
   */
  @Document("officers")
  public record Officer(
      @Id String username,
      String passwordHash,
      String agencyCode,
      String role,
      @Nullable String division,
      String displayName) {}
}
