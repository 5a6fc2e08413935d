package id.aduan.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.bson.Document;
import io.netty.channel.Channel;
import org.h2.mvstore.MVStore;

/**
 * The local platform's store: mongo-java-server's H2 backend (same file format, an existing file
 * opens as it is) whose databases also use the indexes the services declare (ADR 0036). It counts
 * the commands it answers, per database and command ({@code serverStatus}: {@code opcounters} and
 * {@code aduanCommands}), for the end-to-end benchmark's store operations per complaint.
 *
 * <p>A write is on disk before it is acknowledged (ADR 0042): the stock backend leaves writes to
 * MVStore's background commit (every second), so a SIGKILL of the server lost writes the client had
 * been told were done. Here every command that changed the store commits it (one MVStore chunk
 * written to the file) before its reply goes out. Commands that arrive while another commit runs
 * wait for it and are then committed together. The file is written, not fsynced: what a killed
 * process wrote survives, a power cut may still lose the last second (production runs a MongoDB
 * replica set).
 */
public class IndexingH2Backend extends H2Backend {

  /**
   * MVStore's page cache in MB (its default is 16). A document read that misses the cache reads and
   * deserializes its whole page from the file (the values are Java-serialized documents); with 16
   * MB and a store of 10^3 cases or more (its oplog included) most reads missed, and {@code
   * FileStore.readPage} was about a third of the store's CPU under the end-to-end benchmark (ADR
   * 0056). {@code -Daduan.mongo.cacheMb} overrides it.
   */
  static final int CACHE_MB = Integer.getInteger("aduan.mongo.cacheMb", 128);

  /**
   * The fill rate (percent of live data in the file's chunks) below which MVStore's background
   * housekeeping rewrites chunks; its default is 90. With a commit before every reply (ADR 0042)
   * each write is a small chunk of its own, so at 90 the housekeeping rewrote chunks all the time:
   * {@code FileStore.compactRewrite} (reading and deserializing the pages it moves) was about 40%
   * of the store's CPU under the end-to-end benchmark at 10^3 cases (ADR 0056). At 50 the file may
   * hold up to about twice its live data before it is compacted. {@code
   * -Daduan.mongo.autoCompactFillRate} overrides it.
   */
  static final int AUTO_COMPACT_FILL_RATE =
      Integer.getInteger("aduan.mongo.autoCompactFillRate", 50);

  /**
   * Whether the collections' data maps keep each document's serialized bytes until it changes
   * ({@link DocumentValueType}, ADR 0058; the file's bytes are the same either way). {@code
   * -Daduan.mongo.keepDocumentBytes=false} uses H2's stock type (for the benchmark's comparison).
   */
  static final boolean KEEP_DOCUMENT_BYTES =
      !"false".equals(System.getProperty("aduan.mongo.keepDocumentBytes"));

  private final boolean commitBeforeReply;
  private final CommandCounts counts = new CommandCounts();

  /** A backend on the MVStore file {@code fileName} (created when absent), durable writes. */
  public IndexingH2Backend(String fileName) {
    this(fileName, true);
  }

  /**
   * A backend on the MVStore file {@code fileName}; {@code commitBeforeReply} false leaves writes
   * to MVStore's background commit as the stock backend does (for the benchmark's comparison).
   */
  public IndexingH2Backend(String fileName, boolean commitBeforeReply) {
    super(builder(fileName).open());
    this.commitBeforeReply = commitBeforeReply;
  }

  /** How the file is opened: MVStore's defaults but for the page cache and the compaction. */
  static MVStore.Builder builder(String fileName) {
    return new MVStore.Builder()
        .fileName(fileName)
        .cacheSize(CACHE_MB)
        .autoCompactFillRate(AUTO_COMPACT_FILL_RATE);
  }

  private IndexingH2Backend(MVStore store) {
    super(store);
    this.commitBeforeReply = false;
  }

  /** A backend on an in-memory MVStore (nothing to make durable). */
  public static IndexingH2Backend inMemory() {
    return new IndexingH2Backend(MVStore.open(null));
  }

  @Override
  protected MongoDatabase openOrCreateDatabase(String databaseName) {
    return new IndexingH2Database(databaseName, getMvStore(), getCursorRegistry());
  }

  /**
   * Every command (OP_MSG and legacy queries of commands both come here), then, when it changed the
   * store, a commit before the reply; also when the command failed part-way (an insertMany whose
   * later documents broke a unique index has still written the earlier ones).
   */
  @Override
  public Document handleCommand(
      Channel channel, String databaseName, String command, Document query) {
    counts.count(databaseName, command);
    try {
      return super.handleCommand(channel, databaseName, command, query);
    } finally {
      if (commitBeforeReply && getMvStore().hasUnsavedChanges()) {
        commit();
      }
    }
  }

  @Override
  public Document getServerStatus() {
    Document status = super.getServerStatus();
    status.put("opcounters", counts.opcounters());
    status.put("aduanCommands", counts.perDatabase());
    return status;
  }
}
