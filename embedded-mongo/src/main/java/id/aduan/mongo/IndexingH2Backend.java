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
 */
public class IndexingH2Backend extends H2Backend {

  private final CommandCounts counts = new CommandCounts();

  /** A backend on the MVStore file {@code fileName} (created when absent). */
  public IndexingH2Backend(String fileName) {
    super(fileName);
  }

  private IndexingH2Backend(MVStore store) {
    super(store);
  }

  /** A backend on an in-memory MVStore. */
  public static IndexingH2Backend inMemory() {
    return new IndexingH2Backend(MVStore.open(null));
  }

  @Override
  protected MongoDatabase openOrCreateDatabase(String databaseName) {
    return new IndexingH2Database(databaseName, getMvStore(), getCursorRegistry());
  }

  @Override
  public Document handleCommand(
      Channel channel, String databaseName, String command, Document query) {
    counts.count(databaseName, command);
    return super.handleCommand(channel, databaseName, command, query);
  }

  @Override
  public Document getServerStatus() {
    Document status = super.getServerStatus();
    status.put("opcounters", counts.opcounters());
    status.put("aduanCommands", counts.perDatabase());
    return status;
  }
}
