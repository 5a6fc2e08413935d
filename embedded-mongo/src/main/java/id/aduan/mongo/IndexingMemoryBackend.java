package id.aduan.mongo;

import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;

/** The tests' store: mongo-java-server's memory backend with the platform's indexes (ADR 0036). */
public class IndexingMemoryBackend extends MemoryBackend {

  @Override
  public MemoryDatabase openOrCreateDatabase(String databaseName) {
    return new IndexingMemoryDatabase(databaseName, getCursorRegistry());
  }
}
