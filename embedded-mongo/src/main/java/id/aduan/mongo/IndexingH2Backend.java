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
    super(fileName);
    this.commitBeforeReply = commitBeforeReply;
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
