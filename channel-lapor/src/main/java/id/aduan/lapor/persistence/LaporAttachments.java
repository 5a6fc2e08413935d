package id.aduan.lapor.persistence;

import id.aduan.lapor.domain.Sha256;
import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import org.springframework.stereotype.Repository;

/**
 * LAPOR! attachments: their bytes in GridFS, and one document per (tracking id, attachment id) in
 * {@code lapor_attachments} saying whether the bytes are here, too large, or still to fetch. A
 * failed download waits there for its retry; {@code linked} says the complaint naming it reached
 * Kafka, so a retry never announces an attachment of a report the case service has not seen.
 */
@Repository
public class LaporAttachments {

  static final String COLLECTION = "lapor_attachments";
  private final MongoTemplate mongo;
  private final GridFsTemplate gridFs;

  LaporAttachments(MongoTemplate mongo, GridFsTemplate gridFs) {
    this.mongo = mongo;
    this.gridFs = gridFs;
  }

  public enum Status {
    STORED,
    TOO_LARGE,
    PENDING,
    GAVE_UP
  }

  /**
   * One attachment as the adapter knows it.
   *
   * @param senderId the complaint's {@code sender.channelUserId}, so a late attachment threads
   */
  public record Entry(
      String id,
      String trackingId,
      String attachmentId,
      String agencyCode,
      String laporAgencyId,
      String url,
      @Nullable String fileName,
      @Nullable String mediaType,
      long sizeBytes,
      Status status,
      int attempts,
      @Nullable Instant nextAttemptAt,
      @Nullable String storageRef,
      @Nullable String sha256,
      String senderId,
      boolean anonymous,
      boolean confidential,
      boolean linked) {

    public static String key(String trackingId, String attachmentId) {
      return trackingId + "/" + attachmentId;
    }

    public Entry with(Status status, int attempts, @Nullable Instant nextAttemptAt) {
      return copy(status, attempts, nextAttemptAt, storageRef, sha256, sizeBytes, mediaType);
    }

    public Entry storedAs(String storageRef, String sha256, long sizeBytes, String mediaType) {
      return copy(Status.STORED, attempts, null, storageRef, sha256, sizeBytes, mediaType);
    }

    private Entry copy(
        Status status,
        int attempts,
        @Nullable Instant nextAttemptAt,
        @Nullable String storageRef,
        @Nullable String sha256,
        long sizeBytes,
        @Nullable String mediaType) {
      return new Entry(
          id,
          trackingId,
          attachmentId,
          agencyCode,
          laporAgencyId,
          url,
          fileName,
          mediaType,
          sizeBytes,
          status,
          attempts,
          nextAttemptAt,
          storageRef,
          sha256,
          senderId,
          anonymous,
          confidential,
          linked);
    }
  }

  public @Nullable Entry of(String trackingId, String attachmentId) {
    return mongo.findById(Entry.key(trackingId, attachmentId), Entry.class, COLLECTION);
  }

  public void save(Entry entry) {
    mongo.save(entry, COLLECTION);
  }

  /** Stores the bytes in GridFS; returns the GridFS id and the SHA-256 of the content. */
  public Stored store(Entry entry, String mediaType, byte[] bytes) {
    String sha256 = Sha256.hex(bytes);
    Document metadata =
        new Document("trackingId", entry.trackingId())
            .append("attachmentId", entry.attachmentId())
            .append("agencyCode", entry.agencyCode())
            .append("sha256", sha256);
    String id =
        gridFs
            .store(new ByteArrayInputStream(bytes), entry.id(), mediaType, metadata)
            .toHexString();
    return new Stored(id, sha256);
  }

  /** The complaint naming these attachments was acknowledged by Kafka. */
  public void linked(List<String> ids) {
    for (String id : ids) {
      mongo.updateFirst(
          Query.query(Criteria.where("_id").is(id)), new Update().set("linked", true), COLLECTION);
    }
  }

  /** Downloads to try again now: pending, announced, and due. */
  public List<Entry> due(Instant now, int limit) {
    return mongo.find(
        Query.query(
                Criteria.where("status")
                    .is(Status.PENDING)
                    .and("linked")
                    .is(true)
                    .and("nextAttemptAt")
                    .lte(now))
            .limit(limit),
        Entry.class,
        COLLECTION);
  }

  /** The bytes of a stored attachment, for tests and the officer's download. */
  public byte @Nullable [] bytes(String storageRef) {
    var file =
        gridFs.findOne(
            Query.query(Criteria.where("_id").is(new org.bson.types.ObjectId(storageRef))));
    if (file == null) {
      return null;
    }
    try (var in = gridFs.getResource(file).getInputStream()) {
      return in.readAllBytes();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  public record Stored(String storageRef, String sha256) {}
}
