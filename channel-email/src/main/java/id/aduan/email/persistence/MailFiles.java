package id.aduan.email.persistence;

import com.mongodb.client.gridfs.model.GridFSFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import org.springframework.stereotype.Repository;

/**
 * Files in GridFS: attachments and inline images of complaints, the raw original of every mail (the
 * full message as received, for audits and replays), and mails that could not be parsed.
 */
@Repository
public class MailFiles {

  private final GridFsTemplate gridFs;

  public MailFiles(GridFsTemplate gridFs) {
    this.gridFs = gridFs;
  }

  /**
   * @param kind attachment, original or unparseable
   * @return the GridFS id
   */
  public String store(
      byte[] content, @Nullable String fileName, String mediaType, String kind, String mailbox) {
    return store(content, fileName, mediaType, kind, mailbox, null);
  }

  /**
   * As {@link #store(byte[], String, String, String, String)}, with the agency the file belongs to:
   * the case service serves a file only to the officers of the agency it names (docs/adr/0028).
   */
  public String store(
      byte[] content,
      @Nullable String fileName,
      String mediaType,
      String kind,
      String mailbox,
      @Nullable String agencyCode) {
    Document metadata = new Document("kind", kind).append("mailbox", mailbox);
    if (agencyCode != null) {
      metadata.append("agencyCode", agencyCode);
    }
    ObjectId id =
        gridFs.store(
            new ByteArrayInputStream(content),
            fileName == null ? kind : fileName,
            mediaType,
            metadata);
    return id.toHexString();
  }

  public Optional<byte[]> load(String id) {
    if (!ObjectId.isValid(id)) {
      return Optional.empty();
    }
    GridFSFile file = gridFs.findOne(Query.query(Criteria.where("_id").is(new ObjectId(id))));
    if (file == null) {
      return Optional.empty();
    }
    try (InputStream in = gridFs.getResource(file).getInputStream()) {
      return Optional.of(in.readAllBytes());
    } catch (IOException e) {
      throw new IllegalStateException("GridFS file " + id + " cannot be read", e);
    }
  }
}
