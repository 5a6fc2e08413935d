package id.aduan.mongo;

import de.bwaldvogel.mongo.MongoDatabase;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.h2.mvstore.MVStore;

/**
 * The local platform's store: mongo-java-server's H2 backend (same file format, an existing file
 * opens as it is) whose databases also use the indexes the services declare (ADR 0036).
 */
public class IndexingH2Backend extends H2Backend {

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
}
