package id.aduan.cases.persistence;

import com.mongodb.MongoException;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.gridfs.model.GridFSUploadOptions;
import com.mongodb.client.model.Filters;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HexFormat;
import java.util.Optional;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Repository;
import org.springframework.util.unit.DataSize;

/**
 * Files an officer or the case service itself received for a case (scans brought to the front desk,
 * an officer's attachments, field-investigation photos, the web form's uploads), kept in the case
 * service's own database, GridFS bucket {@value #BUCKET} (docs/adr/0052). The citizens' files from
 * channels stay in the channels' buckets ({@link Attachments}).
 *
 * <p>What a file is comes from its bytes ({@link FileKind#sniff}): only what the sniffer knows
 * (PDF, JPEG, PNG, GIF, WebP) is kept, stored and later served as that type; the name the sender
 * gave is only a label. Every file carries its agency, size and SHA-256 in its metadata and is read
 * back only for that agency, and only when its bytes still match the hash. A refusal is a {@link
 * Refused} (for the API: 413, 415 or 400 with a reason in Bahasa Indonesia and English) and counted
 * as {@code aduan.cases.files.refused{reason}}; a kept file as {@code
 * aduan.cases.files.stored{kind}}.
 */
@Repository
public class CaseFiles {

  static final String BUCKET = "case-files";

  /** The longest label kept of a declared file name. */
  static final int MAX_NAME = 200;

  /**
   * Limits ({@code aduan.cases.files.*}).
   *
   * @param maxFileSize the largest file kept (default 10 MB)
   * @param maxFilesPerCase the most files the case service keeps for one case (default 20)
   */
  @ConfigurationProperties("aduan.cases.files")
  public record Settings(@Nullable DataSize maxFileSize, @Nullable Integer maxFilesPerCase) {
    public Settings {
      maxFileSize = maxFileSize == null ? DataSize.ofMegabytes(10) : maxFileSize;
      maxFilesPerCase = maxFilesPerCase == null ? 20 : maxFilesPerCase;
    }
  }

  /** A kept file: its id in the bucket (the case's {@code storageRef}), what it is, its hash. */
  public record StoredFile(
      String id,
      String sha256,
      long size,
      String mediaType,
      FileKind kind,
      @Nullable String declaredName,
      Instant storedAt) {}

  /** A kept file's bytes, as its bytes said it is when it was kept. */
  public record File(
      String id,
      byte[] bytes,
      String mediaType,
      FileKind kind,
      @Nullable String declaredName,
      String sha256) {}

  /** Why a file is not kept. Each has its HTTP status and a message in both languages. */
  public enum Reason {
    EMPTY(400, "Berkas kosong.", "The file is empty."),
    TOO_LARGE(
        413, "Berkas terlalu besar (paling besar %s).", "The file is too large (at most %s)."),
    UNSUPPORTED_TYPE(
        415,
        "Jenis berkas tidak didukung: hanya PDF, JPEG, PNG, GIF atau WebP.",
        "Unsupported file type: only PDF, JPEG, PNG, GIF or WebP."),
    TOO_MANY_FILES(
        400,
        "Terlalu banyak berkas untuk satu aduan (paling banyak %s).",
        "Too many files for one case (at most %s).");

    private final int status;
    private final String id;
    private final String en;

    Reason(int status, String id, String en) {
      this.status = status;
      this.id = id;
      this.en = en;
    }

    /** The HTTP status the officer API answers with. */
    public int status() {
      return status;
    }

    /** The low-cardinality metric tag and problem property. */
    public String tag() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /** A file refused, with its reason and the message in Bahasa Indonesia and English. */
  public static final class Refused extends RuntimeException {
    private final Reason reason;
    private final String messageId;
    private final String messageEn;

    Refused(Reason reason, String limit) {
      super(String.format(reason.id, limit) + " / " + String.format(reason.en, limit));
      this.reason = reason;
      this.messageId = String.format(reason.id, limit);
      this.messageEn = String.format(reason.en, limit);
    }

    public Reason reason() {
      return reason;
    }

    public String messageId() {
      return messageId;
    }

    public String messageEn() {
      return messageEn;
    }
  }

  private final MongoTemplate mongo;
  private final Settings settings;
  private final MeterRegistry meters;
  private final Clock clock;

  @Autowired
  CaseFiles(MongoTemplate mongo, Settings settings, MeterRegistry meters) {
    this(mongo, settings, meters, Clock.systemUTC());
  }

  /** For tests: a store on any database, with its own clock. */
  public CaseFiles(MongoTemplate mongo, Settings settings, MeterRegistry meters, Clock clock) {
    this.mongo = mongo;
    this.settings = settings;
    this.meters = meters;
    this.clock = clock;
  }

  /** The limits in force. */
  public Settings settings() {
    return settings;
  }

  private GridFSBucket bucket() {
    return GridFSBuckets.create(mongo.getDb(), BUCKET);
  }

  /**
   * Refuses ({@link Reason#TOO_MANY_FILES}) when {@code adding} more files would put a case that
   * has {@code already} files over the per-case limit. Callers check before storing any file.
   */
  public void checkRoom(int already, int adding) {
    if (adding > 0 && already + adding > settings.maxFilesPerCase()) {
      throw refused(Reason.TOO_MANY_FILES, Integer.toString(settings.maxFilesPerCase()));
    }
  }

  /**
   * Keeps a file of the agency's case; refuses an empty, too large or unknown file. {@code
   * declaredName} (the name the sender gave, may be null) is kept only as a label.
   */
  public StoredFile store(String agencyCode, @Nullable String declaredName, byte[] bytes) {
    if (bytes.length == 0) {
      throw refused(Reason.EMPTY, "");
    }
    if (bytes.length > settings.maxFileSize().toBytes()) {
      throw refused(Reason.TOO_LARGE, readable(settings.maxFileSize()));
    }
    FileKind kind = FileKind.sniff(bytes);
    if (!kind.storable()) {
      throw refused(Reason.UNSUPPORTED_TYPE, "");
    }
    String sha = sha256(bytes);
    String label = label(declaredName);
    Instant now = clock.instant();
    Document metadata =
        new Document("agencyCode", agencyCode)
            .append("contentType", kind.mediaType())
            .append("size", (long) bytes.length)
            .append("sha256", sha)
            .append("storedAt", Date.from(now));
    if (label != null) {
      metadata.append("declaredName", label);
    }
    ObjectId id =
        bucket()
            .uploadFromStream(
                sha.substring(0, 16) + "." + kind.tag(),
                new ByteArrayInputStream(bytes),
                new GridFSUploadOptions().metadata(metadata));
    meters.counter("aduan.cases.files.stored", "kind", kind.tag()).increment();
    return new StoredFile(id.toHexString(), sha, bytes.length, kind.mediaType(), kind, label, now);
  }

  /**
   * The file with this id, if it belongs to the agency and its bytes still match their hash (an
   * altered file is not served).
   */
  public Optional<File> read(String agencyCode, String id) {
    if (!ObjectId.isValid(id)) {
      return Optional.empty();
    }
    GridFSFile file;
    ByteArrayOutputStream out;
    try {
      file =
          bucket()
              .find(
                  Filters.and(
                      Filters.eq("_id", new ObjectId(id)),
                      Filters.eq("metadata.agencyCode", agencyCode)))
              .first();
      if (file == null || file.getMetadata() == null) {
        return Optional.empty();
      }
      out = new ByteArrayOutputStream((int) Math.max(0, file.getLength()));
      bucket().downloadToStream(file.getObjectId(), out);
    } catch (MongoException e) {
      return Optional.empty();
    }
    byte[] bytes = out.toByteArray();
    String sha = sha256(bytes);
    if (!sha.equals(file.getMetadata().getString("sha256"))) {
      meters.counter("aduan.cases.files.unreadable", "reason", "hash-mismatch").increment();
      return Optional.empty();
    }
    FileKind kind = FileKind.sniff(bytes);
    return Optional.of(
        new File(
            id, bytes, kind.mediaType(), kind, file.getMetadata().getString("declaredName"), sha));
  }

  private Refused refused(Reason reason, String limit) {
    meters.counter("aduan.cases.files.refused", "reason", reason.tag()).increment();
    return new Refused(reason, limit);
  }

  private static @Nullable String label(@Nullable String declaredName) {
    if (declaredName == null || declaredName.isBlank()) {
      return null;
    }
    // A scan named after its NIK or phone number ("KTP 3273....jpg"): no such number is kept.
    String n = declaredName.strip().replaceAll("\\d{8,}", "********");
    return n.length() > MAX_NAME ? n.substring(0, MAX_NAME) : n;
  }

  private static String readable(DataSize size) {
    long bytes = size.toBytes();
    if (bytes % (1024 * 1024) == 0) {
      return (bytes / (1024 * 1024)) + " MB";
    }
    if (bytes % 1024 == 0) {
      return (bytes / 1024) + " KB";
    }
    return bytes + " B";
  }

  /** Hex SHA-256 of the bytes. */
  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
