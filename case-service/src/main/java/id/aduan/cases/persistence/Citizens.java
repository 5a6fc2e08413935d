package id.aduan.cases.persistence;

import id.aduan.contracts.Channel;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.mapping.Document;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * One profile per channel identity (a WhatsApp number, an email address, a LAPOR! reporter), keyed
 * by its hashed identity key. Profiles that share a NIK or phone number across channels can be
 * merged into one person ({@code personId}); the NIK and phone are kept only as hashes here.
 */
@Repository
public class Citizens {

  private final MongoTemplate mongo;

  Citizens(MongoTemplate mongo) {
    this.mongo = mongo;
    mongo
        .indexOps(Profile.class)
        .createIndex(
            new org.springframework.data.mongodb.core.index.Index(
                "identityKeys", org.springframework.data.domain.Sort.Direction.ASC));
  }

  /** Creates or updates the profile of a channel identity; idempotent (sets, adds to sets). */
  public Profile record(
      String citizenKey,
      Channel channel,
      @Nullable String displayName,
      List<String> identityKeys,
      String caseId,
      Instant at) {
    Update update =
        new Update()
            .setOnInsert("channel", channel)
            .setOnInsert("personId", citizenKey)
            .setOnInsert("firstSeen", at)
            .max("lastSeen", at)
            .addToSet("identityKeys")
            .each(identityKeys.toArray())
            .addToSet("caseIds", caseId);
    if (displayName != null) {
      update.set("displayName", displayName);
    }
    return mongo.findAndModify(
        Query.query(Criteria.where("_id").is(citizenKey)),
        update,
        FindAndModifyOptions.options().upsert(true).returnNew(true),
        Profile.class);
  }

  /** Other profiles sharing a NIK or phone with this one: candidates for a merge. */
  public List<Profile> mergeCandidates(String citizenKey) {
    Profile p = mongo.findById(citizenKey, Profile.class);
    if (p == null) {
      return List.of();
    }
    List<String> shared = p.identityKeys().stream().filter(k -> !k.startsWith("citizen:")).toList();
    if (shared.isEmpty()) {
      return List.of();
    }
    return mongo.find(
        Query.query(Criteria.where("identityKeys").in(shared).and("_id").ne(citizenKey)),
        Profile.class);
  }

  /** Makes the profiles one person (the first one's person id); returns how many changed. */
  public long merge(List<String> citizenKeys) {
    Profile first = mongo.findById(citizenKeys.getFirst(), Profile.class);
    if (first == null) {
      return 0;
    }
    return mongo
        .updateMulti(
            Query.query(Criteria.where("_id").in(citizenKeys)),
            new Update().set("personId", first.personId()),
            Profile.class)
        .getModifiedCount();
  }

  public @Nullable Profile byKey(String citizenKey) {
    return mongo.findById(citizenKey, Profile.class);
  }

  @Document("citizens")
  public record Profile(
      @Id String id,
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
