package id.aduan.platform;

import de.bwaldvogel.mongo.wire.bson.BsonDecoder;
import id.aduan.mongo.IndexingH2Backend;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.bson.codecs.DocumentCodec;

/**
 * The local platform's store file opened in this JVM while the store process ({@code LocalMongo})
 * is stopped, for {@link StoreSeeder} to write its copies offline (ADR 0056).
 *
 * <p>It opens the file as {@code LocalMongo} does ({@link IndexingH2Backend}, the indexes the
 * services declared rebuilt from the file, the oplog on when the platform has it on) and hands each
 * batch to the backend as the server's own {@code insert} command: every document is decoded from
 * the BSON the driver would have sent ({@link BsonDecoder}, as the wire protocol handler does),
 * stored, indexed and recorded in the oplog exactly as over the wire, only without a socket, a
 * round trip and a commit per command, and without the running services competing for the cores;
 * the file is complete when it is closed.
 */
final class StoreFile implements StoreSeeder.Sink, AutoCloseable {

  private static final DocumentCodec CODEC = new DocumentCodec();

  private final IndexingH2Backend backend;

  /**
   * The commands' connections, one per seeding thread (the backend keeps each connection's last
   * error by channel, in a list that is not shared safely between threads).
   */
  private final List<EmbeddedChannel> channels = new java.util.concurrent.CopyOnWriteArrayList<>();

  private final ThreadLocal<EmbeddedChannel> channel =
      ThreadLocal.withInitial(
          () -> {
            EmbeddedChannel c = new EmbeddedChannel();
            channels.add(c);
            return c;
          });

  /** Opens {@code file} (it must exist: the platform created it); {@code oplog} as the platform. */
  StoreFile(Path file, boolean oplog) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no store file at " + file);
    }
    // No commit before each command's reply (ADR 0042 is for acknowledged client writes): MVStore
    // writes in the background and everything at close; nothing reads the file before that.
    this.backend = new IndexingH2Backend(file.toString(), false);
    if (oplog) {
      backend.enableOplog();
    }
  }

  @Override
  public long count(String database, String collection) {
    de.bwaldvogel.mongo.bson.Document reply =
        backend.handleCommand(
            channel.get(),
            database,
            "count",
            new de.bwaldvogel.mongo.bson.Document("count", collection));
    return ((Number) reply.get("n")).longValue();
  }

  @Override
  public long insert(String database, String collection, List<Document> batch) {
    List<de.bwaldvogel.mongo.bson.Document> documents = new ArrayList<>(batch.size());
    for (Document document : batch) {
      documents.add(toServer(document));
    }
    de.bwaldvogel.mongo.bson.Document command =
        new de.bwaldvogel.mongo.bson.Document("insert", collection)
            .append("documents", documents)
            .append("ordered", false);
    de.bwaldvogel.mongo.bson.Document reply =
        backend.handleCommand(channel.get(), database, "insert", command);
    Object errors = reply.get("writeErrors");
    return batch.size() - (errors instanceof List<?> list ? list.size() : 0);
  }

  /** A driver document as the server holds it after decoding it from the wire. */
  static de.bwaldvogel.mongo.bson.Document toServer(Document document) {
    RawBsonDocument raw = new RawBsonDocument(document, CODEC);
    // A big-endian buffer over the bytes, as netty hands the server a message (the decoder reads
    // little-endian numbers explicitly and a UUID's two longs big-endian); a wrapped NIO buffer
    // would keep the BSON buffer's little-endian order and turn every UUID around.
    org.bson.ByteBuf bson = raw.getByteBuffer();
    byte[] copy = new byte[bson.remaining()];
    bson.get(copy);
    ByteBuf bytes = Unpooled.wrappedBuffer(copy);
    try {
      return BsonDecoder.decodeBson(bytes);
    } finally {
      bytes.release();
    }
  }

  /** Closes the file (MVStore writes what is left and releases its lock). */
  @Override
  public void close() {
    backend.close();
    channels.forEach(EmbeddedChannel::close);
  }
}
