package id.aduan.mongo;

import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.memory.MemoryDatabase;
import java.util.Comparator;
import java.util.List;

/** mongo-java-server's memory database with secondary indexes (the tests' store). */
public class IndexingMemoryDatabase extends MemoryDatabase {

  // Set lazily: the superclass constructor already opens collections and indexes.
  private IndexGroups<Integer> groups;

  public IndexingMemoryDatabase(String databaseName, CursorRegistry cursorRegistry) {
    super(databaseName, cursorRegistry);
  }

  private IndexGroups<Integer> groups() {
    if (groups == null) {
      // Positions are slots of the collection's list, which a scan reads in ascending order.
      groups = new IndexGroups<>(Comparator.<Integer>naturalOrder());
    }
    return groups;
  }

  @Override
  protected Index<Integer> openOrCreateSecondaryIndex(
      String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
    // Memory databases open empty: an index is built (by the server) only on existing data.
    return groups().secondary(collectionName, indexName, keys, sparse, false);
  }

  @Override
  protected Index<Integer> openOrCreateUniqueIndex(
      String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
    return groups()
        .unique(
            collectionName,
            indexName,
            sparse,
            () -> super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse));
  }
}
