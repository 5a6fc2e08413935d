package id.aduan.email.persistence;

import com.mongodb.client.gridfs.model.GridFSFile;
import id.aduan.support.pii.PiiCipher;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import org.springframework.stereotype.Repository;

/**
 * Files in GridFS: attachments and inline images of complaints, the raw original of every mail (the
 * full message as received, for audits and replays), and mails that could not be parsed. A whole
 * mail carries the citizen's address, name and any NIK or phone number they wrote, so originals and
 * unparseable mails are stored sealed with the shared key set (metadata {@code sealed: true},
 * docs/adr/0026) and read back clear; attachments stay as they are, since the case service serves
 * them to officers by their GridFS id (docs/adr/0028).
 */
@Repository
public class MailFiles {

  /** The kinds of file that are whole mails, stored sealed. */
  private static final Set<String> WHOLE_MAILS = Set.of("original", "unparseable");

  private final GridFsTemplate gridFs;
  private final PiiCipher cipher;

  public MailFiles(GridFsTemplate gridFs, PiiCipher cipher) {
    this.gridFs = gridFs;
    this.cipher = cipher;
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
    byte[] stored = content;
    if (WHOLE_MAILS.contains(kind)) {
      stored =
          cipher
              .encrypt(Base64.getEncoder().encodeToString(content))
              .getBytes(StandardCharsets.US_ASCII);
      metadata.append("sealed", true);
    }
    ObjectId id =
        gridFs.store(
            new ByteArrayInputStream(stored),
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
      byte[] stored = in.readAllBytes();
      Document metadata = file.getMetadata();
      if (metadata != null && Boolean.TRUE.equals(metadata.getBoolean("sealed"))) {
        return Optional.of(
            Base64.getDecoder()
                .decode(cipher.decrypt(new String(stored, StandardCharsets.US_ASCII))));
      }
      return Optional.of(stored);
    } catch (IOException e) {
      throw new IllegalStateException("GridFS file " + id + " cannot be read", e);
    }
  }
}
