package id.aduan.mongo;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What the H2 and memory databases of the platform share: one {@link IndexGroup} per collection and
 * the two index factories. A name the collection already has returns the index it has, so a service
 * that declares its indexes at every start does not build them again.
 */
final class IndexGroups<P> {

  private final Map<String, IndexGroup<P>> groups = new ConcurrentHashMap<>();
  private final Comparator<P> naturalOrder;

  IndexGroups(Comparator<P> naturalOrder) {
    this.naturalOrder = naturalOrder;
  }

  private IndexGroup<P> group(String collectionName) {
    return groups.computeIfAbsent(collectionName, name -> new IndexGroup<>());
  }

  Index<P> secondary(String collectionName, String indexName, List<IndexKey> keys, boolean sparse) {
    IndexGroup<P> group = group(collectionName);
    Index<P> existing = group.find(indexName);
    if (existing != null) {
      return existing;
    }
    return new SecondaryIndex<>(indexName, keys, sparse, naturalOrder, group);
  }

  Index<P> unique(
      String collectionName, String indexName, boolean sparse, Supplier<Index<P>> backend) {
    IndexGroup<P> group = group(collectionName);
    Index<P> existing = group.find(indexName);
    if (existing != null) {
      return existing;
    }
    return new UniqueIndexExtension<>(backend.get(), sparse, naturalOrder, group);
  }
}
