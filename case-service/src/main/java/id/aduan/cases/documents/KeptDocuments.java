package id.aduan.cases.documents;

import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Sorts;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;

/**
 * The case's rendered documents, kept in the case service's own GridFS bucket {@value #BUCKET}: one
 * file per case, document, language and case version, with the agency, the ticket, the type, the
 * size and the SHA-256 of the bytes in its metadata. Only masked renderings are kept (no NIK or
 * phone number in clear in a store, docs/adr/0048).
 */
@Repository
public class KeptDocuments {

  static final String BUCKET = "case-documents";

  /** A kept document. */
  public record Kept(byte[] bytes, String sha256, Instant renderedAt) {}

  private final MongoTemplate mongo;

  KeptDocuments(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  /**
   * A kept document of the case in that kind and language, and whichever rendering {@code which}.
   */
  private static org.bson.conversions.Bson of(
      String agencyCode,
      String ticket,
      String kind,
      Language language,
      org.bson.conversions.Bson which) {
    return Filters.and(
        Filters.eq("metadata.agencyCode", agencyCode),
        Filters.eq("metadata.ticket", ticket),
        Filters.eq("metadata.kind", kind),
        Filters.eq("metadata.language", language.tag()),
        which);
  }

  private GridFSBucket bucket() {
    return GridFSBuckets.create(mongo.getDb(), BUCKET);
  }

  /** The kept rendering of this version of the case's document, if any. */
  public Optional<Kept> find(
      String agencyCode, String ticket, String kind, Language language, long version) {
    GridFSFile file =
        bucket()
            .find(
                of(agencyCode, ticket, kind, language, Filters.eq("metadata.caseVersion", version)))
            .first();
    if (file == null) {
      return Optional.empty();
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) file.getLength());
    bucket().downloadToStream(file.getObjectId(), out);
    byte[] bytes = out.toByteArray();
    String sha = file.getMetadata() == null ? null : file.getMetadata().getString("sha256");
    if (sha == null || !sha.equals(sha256(bytes))) {
      // Altered or half written: rendered again rather than served.
      return Optional.empty();
    }
    return Optional.of(new Kept(bytes, sha, file.getUploadDate().toInstant()));
  }

  /** Keeps a rendering; returns it with its hash. */
  public Kept keep(
      String agencyCode,
      String ticket,
      String kind,
      Language language,
      long version,
      byte[] pdf,
      Instant at) {
    String sha = sha256(pdf);
    bucket()
        .uploadFromStream(
            ticket + "-" + kind + "-" + language.tag() + "-v" + version + ".pdf",
            new ByteArrayInputStream(pdf),
            new GridFSUploadOptions()
                .metadata(
                    new Document("agencyCode", agencyCode)
                        .append("ticket", ticket)
                        .append("kind", kind)
                        .append("language", language.tag())
                        .append("caseVersion", version)
                        .append("contentType", "application/pdf")
                        .append("size", (long) pdf.length)
                        .append("sha256", sha)
                        .append("renderedAt", java.util.Date.from(at))));
    return new Kept(pdf, sha, at);
  }

  /**
   * The kept berita acara of one resolution (its moment in epoch millis, docs/adr/0055), whatever
   * the case's version now: the first one kept wins, so two renderings that raced are served as
   * one.
   */
  public Optional<Kept> findResolution(
      String agencyCode, String ticket, String kind, Language language, long resolution) {
    GridFSFile file =
        bucket()
            .find(
                of(
                    agencyCode,
                    ticket,
                    kind,
                    language,
                    Filters.eq("metadata.resolution", resolution)))
            .sort(Sorts.ascending("uploadDate", "_id"))
            .first();
    return file == null ? Optional.empty() : read(file);
  }

  /**
   * Keeps the berita acara of one resolution unless one is kept already, and returns the one kept:
   * a rendering that lost a race is removed and the first one returned.
   */
  public Kept keepResolution(
      String agencyCode,
      String ticket,
      String kind,
      Language language,
      long version,
      long resolution,
      byte[] pdf,
      Instant at) {
    String sha = sha256(pdf);
    ObjectId id =
        bucket()
            .uploadFromStream(
                ticket + "-" + kind + "-" + language.tag() + "-r" + resolution + ".pdf",
                new ByteArrayInputStream(pdf),
                new GridFSUploadOptions()
                    .metadata(
                        new Document("agencyCode", agencyCode)
                            .append("ticket", ticket)
                            .append("kind", kind)
                            .append("language", language.tag())
                            .append("caseVersion", version)
                            .append("resolution", resolution)
                            .append("contentType", "application/pdf")
                            .append("size", (long) pdf.length)
                            .append("sha256", sha)
                            .append("renderedAt", java.util.Date.from(at))));
    Optional<Kept> first = findResolution(agencyCode, ticket, kind, language, resolution);
    if (first.isPresent() && !first.get().sha256().equals(sha)) {
      bucket().delete(id);
      return first.get();
    }
    return new Kept(pdf, sha, at);
  }

  private Optional<Kept> read(GridFSFile file) {
    ByteArrayOutputStream out = new ByteArrayOutputStream((int) file.getLength());
    bucket().downloadToStream(file.getObjectId(), out);
    byte[] bytes = out.toByteArray();
    String sha = file.getMetadata() == null ? null : file.getMetadata().getString("sha256");
    if (sha == null || !sha.equals(sha256(bytes))) {
      return Optional.empty();
    }
    return Optional.of(new Kept(bytes, sha, file.getUploadDate().toInstant()));
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
