package id.aduan.cases.persistence;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.gridfs.GridFSBucket;
import com.mongodb.client.gridfs.GridFSBuckets;
import com.mongodb.client.gridfs.model.GridFSFile;
import com.mongodb.client.model.Filters;
import id.aduan.contracts.Channel;
import java.io.ByteArrayOutputStream;
import java.util.Map;
import java.util.Optional;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.ObjectId;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Repository;

/**
 * The bytes of a citizen's file. The channel adapters store media in their own GridFS databases
 * (docs/adr/0021): where the case service is configured with a channel's database on the same
 * MongoDB deployment ({@code aduan.cases.attachments.databases.<CHANNEL>}), it reads the file there
 * by the GridFS id the adapter put on the message ({@code storageRef}), and only when the file
 * carries the case's agency; never by a file name a sender chose (docs/adr/0028).
 */
@Repository
public class Attachments {

  /** The channels' GridFS databases, by channel name; the largest file served. */
  @ConfigurationProperties("aduan.cases.attachments")
  public record Settings(@Nullable Map<String, String> databases, @Nullable Long maxBytes) {
    public Settings {
      // Keys by channel name in upper case: environment variables bind map keys in lower case.
      Map<String, String> byChannel = new java.util.HashMap<>();
      if (databases != null) {
        databases.forEach((k, v) -> byChannel.put(k.toUpperCase(java.util.Locale.ROOT), v));
      }
      databases = Map.copyOf(byChannel);
      maxBytes = maxBytes == null ? 20L * 1024 * 1024 : maxBytes;
    }
  }

  /**
   * A stored file. {@code mediaType} is what the sender or provider declared: it is never what the
   * file is served as (see {@code web/FileSniffer}).
   */
  public record File(byte[] bytes, @Nullable String mediaType, @Nullable String fileName) {}

  private final MongoClient client;
  private final Settings settings;
  private final CaseFiles caseFiles;

  Attachments(MongoClient client, Settings settings, CaseFiles caseFiles) {
    this.client = client;
    this.settings = settings;
    this.caseFiles = caseFiles;
  }

  /**
   * The bytes of a file of the case, wherever they are kept: the case service's own store for a
   * file kept there (docs/adr/0052, always reachable), else the channel's store by its storage
   * reference. Only within the agency.
   */
  public Optional<File> read(
      Channel channel, String agencyCode, id.aduan.cases.domain.CaseState.FileInfo file) {
    if (file.storageRef() == null) {
      return Optional.empty();
    }
    if (file.inCaseFiles()) {
      return caseFiles
          .read(agencyCode, file.storageRef())
          .map(f -> new File(f.bytes(), f.mediaType(), f.declaredName()));
    }
    return read(channel, agencyCode, file.storageRef());
  }

  /** Whether this file of the case can be read here at all. */
  public boolean reachable(Channel channel, id.aduan.cases.domain.CaseState.FileInfo file) {
    return file.inCaseFiles() || reachable(channel);
  }

  /** Whether files of this channel can be read here at all. */
  public boolean reachable(Channel channel) {
    return settings.databases().containsKey(channel.name());
  }

  /**
   * The file with this GridFS id in the channel's bucket, if it belongs to the agency. Every
   * adapter writes the agency into the file's metadata ({@code agencyCode}; channel-whatsapp {@code
   * agency}).
   */
  public Optional<File> read(Channel channel, String agencyCode, String storageRef) {
    if (!ObjectId.isValid(storageRef)) {
      return Optional.empty();
    }
    return find(
        channel,
        Filters.and(
            Filters.eq("_id", new ObjectId(storageRef)), ofAgency("agencyCode", agencyCode)));
  }

  /**
   * A file of a message stored before the case kept storage references (docs/adr/0028): found by
   * the adapter's own name for it, which the provider assigned (a WhatsApp media id with its wamid,
   * a Meta attachment id under its message id, a LAPOR! attachment under its tracking id), and the
   * agency. Email attachments were named {@code part-N} by the adapter, which no file carries: they
   * are not found this way.
   */
  public Optional<File> readLegacy(
      Channel channel, String agencyCode, String providerMessageId, String attachmentId) {
    Bson filter =
        switch (channel) {
          case WHATSAPP ->
              Filters.and(
                  Filters.eq("filename", attachmentId),
                  Filters.eq("metadata.wamid", providerMessageId),
                  ofAgency("agency", agencyCode));
          case FACEBOOK, INSTAGRAM ->
              attachmentId.startsWith(providerMessageId + "#")
                  ? Filters.and(
                      Filters.eq("filename", attachmentId),
                      Filters.eq("metadata.attachmentId", attachmentId),
                      ofAgency("agencyCode", agencyCode))
                  : null;
          case LAPOR ->
              Filters.and(
                  Filters.eq("metadata.trackingId", providerMessageId.split("/", 2)[0]),
                  Filters.eq("metadata.attachmentId", attachmentId),
                  ofAgency("agencyCode", agencyCode));
          case EMAIL, FRONT_DESK, WEB -> null;
        };
    return filter == null ? Optional.empty() : find(channel, filter);
  }

  private static Bson ofAgency(String field, String agencyCode) {
    return Filters.or(
        Filters.eq("metadata." + field, agencyCode), Filters.eq("metadata.agency", agencyCode));
  }

  private Optional<File> find(Channel channel, Bson filter) {
    String database = settings.databases().get(channel.name());
    if (database == null) {
      return Optional.empty();
    }
    GridFSBucket bucket = GridFSBuckets.create(client.getDatabase(database));
    GridFSFile file;
    ByteArrayOutputStream out;
    try {
      file = bucket.find(filter).first();
      if (file == null || file.getLength() > settings.maxBytes()) {
        return Optional.empty();
      }
      out = new ByteArrayOutputStream((int) file.getLength());
      bucket.downloadToStream(file.getObjectId(), out);
    } catch (MongoException e) {
      // Not readable from here (e.g. credentials limited to the case database): a reference.
      return Optional.empty();
    }
    Document metadata = file.getMetadata();
    String mediaType =
        metadata == null
            ? null
            : Optional.ofNullable(metadata.getString("contentType"))
                .orElse(metadata.getString("_contentType"));
    return Optional.of(new File(out.toByteArray(), mediaType, file.getFilename()));
  }
}
