package id.aduan.social.persistence;

import java.io.ByteArrayInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.bson.Document;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import org.springframework.stereotype.Repository;

/** Attachment bytes in GridFS, fetched while Meta's URLs are still valid. */
@Repository
public class MediaStore {

  private final GridFsTemplate gridFs;

  MediaStore(GridFsTemplate gridFs) {
    this.gridFs = gridFs;
  }

  /** Stores the bytes and returns the GridFS id and the SHA-256 of the content. */
  public Stored store(String attachmentId, String agencyCode, String mediaType, byte[] bytes) {
    String sha256 = sha256(bytes);
    Document metadata =
        new Document("attachmentId", attachmentId)
            .append("agencyCode", agencyCode)
            .append("sha256", sha256);
    String id =
        gridFs
            .store(new ByteArrayInputStream(bytes), attachmentId, mediaType, metadata)
            .toHexString();
    return new Stored(id, sha256);
  }

  public record Stored(String storageRef, String sha256) {}

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is unavailable", e);
    }
  }
}
