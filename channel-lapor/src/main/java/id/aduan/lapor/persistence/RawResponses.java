package id.aduan.lapor.persistence;

import id.aduan.support.pii.PiiCipher;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Repository;

/**
 * Every LAPOR! response exactly as received, so a mapping bug or a dispute about what LAPOR! sent
 * can be settled later, and a new mapper version can be replayed over old responses. It holds
 * personal data (reporters: names, NIKs, phone numbers), so the body is stored encrypted ({@code
 * bodySealed}, the shared key set, docs/adr/0026) and read back clear; a document written before
 * with a clear {@code body} is still read. Kept 90 days (TTL on {@code at}).
 */
@Repository
public class RawResponses {

  static final String COLLECTION = "lapor_raw_responses";
  private final MongoTemplate mongo;
  private final PiiCipher cipher;

  RawResponses(MongoTemplate mongo, PiiCipher cipher) {
    this.mongo = mongo;
    this.cipher = cipher;
    mongo
        .indexOps(COLLECTION)
        .createIndex(new Index("at", Sort.Direction.ASC).expire(Duration.ofDays(90)));
    mongo.indexOps(COLLECTION).createIndex(new Index("laporAgencyId", Sort.Direction.ASC));
  }

  public void archive(String kind, String laporAgencyId, String body, Instant at) {
    mongo.insert(
        new Stored(
            UUID.randomUUID().toString(), kind, laporAgencyId, at, null, cipher.encrypt(body)),
        COLLECTION);
  }

  public List<RawResponse> of(String laporAgencyId) {
    return mongo
        .find(
            Query.query(Criteria.where("laporAgencyId").is(laporAgencyId))
                .with(Sort.by("at"))
                .limit(1000),
            Stored.class,
            COLLECTION)
        .stream()
        .map(
            s ->
                new RawResponse(
                    s.id(),
                    s.kind(),
                    s.laporAgencyId(),
                    s.at(),
                    s.bodySealed() != null
                        ? cipher.decrypt(s.bodySealed())
                        : String.valueOf(s.body())))
        .toList();
  }

  /** As stored: {@code bodySealed} is ciphertext; {@code body} a clear value written before. */
  record Stored(
      String id,
      String kind,
      String laporAgencyId,
      Instant at,
      @Nullable String body,
      @Nullable String bodySealed) {}

  public record RawResponse(
      String id, String kind, String laporAgencyId, Instant at, String body) {}
}
