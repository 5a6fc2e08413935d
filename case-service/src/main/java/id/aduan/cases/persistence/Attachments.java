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
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.stereotype.Repository;

/**
 * The bytes of a citizen's file. The channel adapters store media in their own GridFS databases
 * (docs/adr/0021): where the case service is configured with a channel's database on the same
 * MongoDB deployment ({@code aduan.cases.attachments.databases.<CHANNEL>}), it reads the file there
 * by the attachment id the adapter put on the message (GridFS {@code filename} or {@code
 * metadata.attachmentId}); otherwise it answers with a reference only.
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

  public record File(byte[] bytes, @Nullable String mediaType, @Nullable String fileName) {}

  private final MongoClient client;
  private final Settings settings;

  Attachments(MongoClient client, Settings settings) {
    this.client = client;
    this.settings = settings;
  }

  /** Whether files of this channel can be read here at all. */
  public boolean reachable(Channel channel) {
    return settings.databases().containsKey(channel.name());
  }

  public Optional<File> read(Channel channel, String attachmentId) {
    String database = settings.databases().get(channel.name());
    if (database == null) {
      return Optional.empty();
    }
    GridFSBucket bucket = GridFSBuckets.create(client.getDatabase(database));
    GridFSFile file;
    ByteArrayOutputStream out;
    try {
      file =
          bucket
              .find(
                  Filters.or(
                      Filters.eq("filename", attachmentId),
                      Filters.eq("metadata.attachmentId", attachmentId)))
              .first();
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
