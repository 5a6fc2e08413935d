package id.aduan.whatsapp.persistence;

import com.mongodb.client.gridfs.model.GridFSFile;
import java.io.ByteArrayInputStream;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import org.springframework.stereotype.Repository;

/**
 * Media files of inbound messages in GridFS, named by the provider's media id so that a redelivered
 * webhook finds the file it already stored instead of storing it twice.
 */
@Repository
public class MediaStore {

  private final GridFsTemplate gridFs;

  MediaStore(GridFsTemplate gridFs) {
    this.gridFs = gridFs;
  }

  /** A media object stored before: its GridFS id, size and hash. */
  public record Stored(String storageRef, long sizeBytes, @Nullable String sha256) {}

  /** The media object stored before under this media id, or null. */
  public @Nullable Stored find(String mediaId) {
    GridFSFile file = gridFs.findOne(Query.query(Criteria.where("filename").is(mediaId)));
    if (file == null) {
      return null;
    }
    Document metadata = file.getMetadata();
    return new Stored(
        file.getObjectId().toHexString(),
        file.getLength(),
        metadata == null ? null : metadata.getString("sha256"));
  }

  /** Stores the bytes and returns the GridFS id. */
  public String store(
      String mediaId, byte[] bytes, String mimeType, String sha256, String wamid, String agency) {
    Document metadata =
        new Document("wamid", wamid).append("sha256", sha256).append("agency", agency);
    ObjectId id = gridFs.store(new ByteArrayInputStream(bytes), mediaId, mimeType, metadata);
    return id.toHexString();
  }

  public byte @Nullable [] read(String storageRef) throws java.io.IOException {
    GridFSFile file =
        gridFs.findOne(Query.query(Criteria.where("_id").is(new ObjectId(storageRef))));
    return file == null ? null : gridFs.getResource(file).getInputStream().readAllBytes();
  }
}
