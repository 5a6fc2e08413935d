package id.aduan.cases.persistence;

import id.aduan.contracts.Channel;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * One profile per channel identity (a WhatsApp number, an email address, a LAPOR! reporter) and
 * agency, found by its keyed identity key ({@code citizenKey}). A profile's id is random: it says
 * nothing about the identity (docs/adr/0025). Profiles of one agency that share a NIK or phone
 * number across channels can be merged into one person ({@code personId}); profiles of other
 * agencies are never matched. The NIK and phone are kept only as keyed hashes here.
 */
@Repository
public class Citizens {

  private final MongoTemplate mongo;

  public Citizens(MongoTemplate mongo) {
    this.mongo = mongo;
    var indexes = mongo.indexOps(Profile.class);
    indexes.createIndex(
        new Index("agencyCode", Sort.Direction.ASC)
            .on("citizenKey", Sort.Direction.ASC)
            .unique()
            .sparse());
    indexes.createIndex(
        new Index("agencyCode", Sort.Direction.ASC).on("identityKeys", Sort.Direction.ASC));
  }

  /**
   * Creates or updates the agency's profile of a channel identity; idempotent (sets, adds to sets).
   */
  public Profile record(
      String agencyCode,
      String citizenKey,
      Channel channel,
      @Nullable String displayName,
      List<String> identityKeys,
      String caseId,
      Instant at) {
    String newId = UUID.randomUUID().toString();
    Update update =
        new Update()
            .setOnInsert("_id", newId)
            .setOnInsert("channel", channel)
            .setOnInsert("personId", newId)
            .setOnInsert("firstSeen", at)
            .max("lastSeen", at)
            .addToSet("identityKeys")
            .each(identityKeys.toArray())
            .addToSet("caseIds", caseId);
    if (displayName != null) {
      update.set("displayName", displayName);
    }
    return mongo.findAndModify(
        ofIdentity(agencyCode, citizenKey),
        update,
        FindAndModifyOptions.options().upsert(true).returnNew(true),
        Profile.class);
  }

  /** The agency's profile of the channel identity with this key (a case's {@code citizenKey}). */
  public @Nullable Profile byCitizenKey(String agencyCode, String citizenKey) {
    return mongo.findOne(ofIdentity(agencyCode, citizenKey), Profile.class);
  }

  /** The agency's profile with this id; none if it belongs to another agency. */
  public @Nullable Profile byId(String agencyCode, String profileId) {
    return mongo.findOne(
        Query.query(Criteria.where("_id").is(profileId).and("agencyCode").is(agencyCode)),
        Profile.class);
  }

  /** The agency's other profiles sharing a NIK or phone with this one: candidates for a merge. */
  public List<Profile> mergeCandidates(Profile p) {
    List<String> shared = p.identityKeys().stream().filter(k -> !k.startsWith("citizen:")).toList();
    if (shared.isEmpty()) {
      return List.of();
    }
    return mongo.find(
        Query.query(
            Criteria.where("agencyCode")
                .is(p.agencyCode())
                .and("identityKeys")
                .in(shared)
                .and("_id")
                .ne(p.id())),
        Profile.class);
  }

  /**
   * Makes the agency's profiles one person (the first one's person id); returns how many changed.
   */
  public long merge(String agencyCode, List<String> profileIds) {
    Profile first = byId(agencyCode, profileIds.getFirst());
    if (first == null) {
      return 0;
    }
    return mongo
        .updateMulti(
            Query.query(Criteria.where("_id").in(profileIds).and("agencyCode").is(agencyCode)),
            new Update().set("personId", first.personId()),
            Profile.class)
        .getModifiedCount();
  }

  private static Query ofIdentity(String agencyCode, String citizenKey) {
    return Query.query(
        Criteria.where("agencyCode").is(agencyCode).and("citizenKey").is(citizenKey));
  }

  @Document("citizens")
  public record Profile(
      @Id String id,
      @Nullable String agencyCode,
      @Nullable String citizenKey,
      Channel channel,
      @Nullable String displayName,
      String personId,
      List<String> identityKeys,
      List<String> caseIds,
      Instant firstSeen,
      Instant lastSeen) {

    @PersistenceCreator
    public Profile {
      identityKeys = identityKeys == null ? List.of() : List.copyOf(identityKeys);
      caseIds = caseIds == null ? List.of() : List.copyOf(caseIds);
    }
  }
}
