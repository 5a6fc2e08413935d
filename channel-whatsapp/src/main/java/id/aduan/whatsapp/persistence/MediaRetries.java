package id.aduan.whatsapp.persistence;

import id.aduan.whatsapp.domain.WebhookBatch;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/**
 * Media downloads that failed while their message was published (collection {@code media_retries},
 * keyed by media id): what to fetch again, how often it was tried, and the outcome of the message's
 * media ({@code PENDING}, {@code STORED} with its GridFS id, or {@code GAVE_UP}). Entries expire 8
 * days after their last change.
 */
@Repository
public class MediaRetries {

  static final String COLLECTION = "media_retries";
  private final MongoTemplate mongo;

  MediaRetries(MongoTemplate mongo) {
    this.mongo = mongo;
    mongo
        .indexOps(COLLECTION)
        .createIndex(new Index("updatedAt", Sort.Direction.ASC).expire(Duration.ofDays(8)));
  }

  /**
   * A media object of a published message, to fetch again.
   *
   * @param id the provider's media id (the attachment id on the published message)
   * @param state PENDING, STORED or GAVE_UP
   * @param attempts downloads tried after the first (inline) one
   * @param lastOutcome what the last attempt gave (provider_error, hash_mismatch, stored, ...)
   */
  public record MediaRetry(
      String id,
      String wamid,
      String agency,
      String kind,
      @Nullable String mimeType,
      @Nullable String fileName,
      @Nullable String sha256,
      @Nullable String url,
      String state,
      int attempts,
      Instant nextAttemptAt,
      @Nullable String storageRef,
      @Nullable String lastOutcome,
      Instant updatedAt) {}

  /** Files a failed download for later; a media id filed before keeps its record. */
  public void schedule(
      WebhookBatch.MediaRef ref, String wamid, String agency, String outcome, Instant next) {
    mongo.upsert(
        Query.query(Criteria.where("_id").is(ref.mediaId())),
        new Update()
            .setOnInsert("wamid", wamid)
            .setOnInsert("agency", agency)
            .setOnInsert("kind", ref.kind())
            .setOnInsert("mimeType", ref.mimeType())
            .setOnInsert("fileName", ref.fileName())
            .setOnInsert("sha256", ref.sha256())
            .setOnInsert("url", ref.url())
            .setOnInsert("state", "PENDING")
            .setOnInsert("attempts", 0)
            .setOnInsert("nextAttemptAt", next)
            .setOnInsert("lastOutcome", outcome)
            .setOnInsert("updatedAt", next),
        COLLECTION);
  }

  /** Pending retries due at {@code now} (a small collection: the scan is cheap). */
  public List<MediaRetry> due(Instant now, int limit) {
    return mongo.find(
        Query.query(Criteria.where("state").is("PENDING").and("nextAttemptAt").lte(now))
            .limit(limit),
        MediaRetry.class,
        COLLECTION);
  }

  public void stored(String mediaId, String storageRef, int attempts, Instant now) {
    update(
        mediaId,
        new Update()
            .set("state", "STORED")
            .set("storageRef", storageRef)
            .set("attempts", attempts)
            .set("lastOutcome", "stored")
            .set("updatedAt", now));
  }

  public void failedAgain(
      String mediaId, int attempts, String outcome, @Nullable Instant next, Instant now) {
    Update update =
        new Update().set("attempts", attempts).set("lastOutcome", outcome).set("updatedAt", now);
    if (next == null) {
      update.set("state", "GAVE_UP");
    } else {
      update.set("nextAttemptAt", next);
    }
    update(mediaId, update);
  }

  public @Nullable MediaRetry find(String mediaId) {
    return mongo.findById(mediaId, MediaRetry.class, COLLECTION);
  }

  private void update(String mediaId, Update update) {
    mongo.updateFirst(Query.query(Criteria.where("_id").is(mediaId)), update, COLLECTION);
  }
}
