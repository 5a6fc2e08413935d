package id.aduan.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.CollectionOptions;
import de.bwaldvogel.mongo.backend.CursorRegistry;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.backend.h2.H2Database;
import de.bwaldvogel.mongo.bson.Document;
import java.util.List;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ObjectDataType;

/**
 * mongo-java-server's H2 database with secondary indexes. The data and the unique indexes stay in
 * the MVStore exactly as the backend writes them; secondary indexes live in memory and are built
 * from the documents when the database opens.
 */
public class IndexingH2Database extends H2Database {

  /** The MVStore map of a collection's documents, keyed by position (the stock backend's name). */
  private static final String DATA_MAP_PREFIX = "databases.";

  /** The MVStore map of a collection's metadata (the stock backend's name). */
  private static final String META_MAP_PREFIX = "meta.";

  // Set lazily: the superclass constructor already opens collections and indexes.
  private IndexGroups<Object> groups;
  private boolean open;

  public IndexingH2Database(String databaseName, MVStore mvStore, CursorRegistry cursorRegistry) {
    super(databaseName, mvStore, cursorRegistry);
    // The indexes of the file were opened (deferred) by the superclass: one read per collection.
    groups()
        .buildDeferred(
            collectionName -> {
              MVMap<Object, Document> data = dataMap(mvStore, collectionName);
              return data.entrySet();
            });
    open = true;
  }

  private IndexGroups<Object> groups() {
    if (groups == null) {
      // The collection's data map is keyed by _id with H2's default key type: its order is the
      // order a scan reads, and lookups return their positions in it.
      ObjectDataType keyType = new ObjectDataType();
      groups = new IndexGroups<>(keyType::compare);
    }
    return groups;
  }

  /** The stock collection's maps, read in index order when a sorted query allows it. */
  @Override
  protected MongoCollection<Object> openOrCreateCollection(
      String collectionName, CollectionOptions options) {
    String fullName = getFullCollectionNamespace(collectionName);
    MVStore store = mvStore();
    MVMap<Object, Document> dataMap = dataMap(store, collectionName);
    MVMap<String, Object> metaMap = store.openMap(META_MAP_PREFIX + fullName);
    return new IndexingH2Collection(
        this,
        collectionName,
        options,
        dataMap,
        metaMap,
        cursorRegistry,
        (Object) dataMap.getValueType() instanceof DocumentValueType type ? type : null);
  }

  /**
   * A collection's data map, opened the first time with {@link DocumentValueType} (the stock
   * format, each document serialized once until it changes, ADR 0058); MVStore returns the open map
   * afterwards.
   */
  private MVMap<Object, Document> dataMap(MVStore store, String collectionName) {
    String name = DATA_MAP_PREFIX + getFullCollectionNamespace(collectionName);
    return IndexingH2Backend.KEEP_DOCUMENT_BYTES
        ? store.openMap(
            name, new MVMap.Builder<Object, Document>().valueType(new DocumentValueType()))
        : store.openMap(name);
  }

  /** The MVStore map of a unique index (the stock backend's name). */
  String uniqueIndexMapName(String collectionName, String indexName) {
    return getFullCollectionNamespace(collectionName) + "._index_" + indexName;
  }

  /**
   * The store the superclass keeps privately; read by reflection because collections open in the
   * superclass's constructor, before a field of this class could hold it (mongo-java-server is
   * pinned, 1.47.0; {@code DataFileCompatibilityTest} and {@code HotPathQueriesTest} open through
   * here).
   */
  private MVStore mvStore() {
    try {
      return (MVStore) MV_STORE.get(this);
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final java.lang.reflect.Field MV_STORE;

  static {
    try {
      MV_STORE = de.bwaldvogel.mongo.backend.h2.H2Database.class.getDeclaredField("mvStore");
      MV_STORE.setAccessible(true);
    } catch (NoSuchFieldException e) {
      throw new ExceptionInInitializerError(e);
    }
  }

  @Override
  protected Index<Object> openOrCreateSecondaryIndex(
      String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
    return groups().secondary(collectionName, indexName, keys, sparse, !open);
  }

  @Override
  protected Index<Object> openOrCreateUniqueIndex(
      String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
    // Opened here first with the faster key type; the backend's own openMap then gets this map.
    mvStore()
        .openMap(
            uniqueIndexMapName(collectionName, indexName),
            new MVMap.Builder<KeyValue, Object>().keyType(new UniqueKeyType()));
    return groups()
        .unique(
            collectionName,
            indexName,
            sparse,
            () -> super.openOrCreateUniqueIndex(collectionName, indexName, keys, sparse));
  }
}
