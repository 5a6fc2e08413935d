package id.aduan.mongo;

import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
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

  Index<P> secondary(
      String collectionName, String indexName, List<IndexKey> keys, boolean sparse, boolean defer) {
    IndexGroup<P> group = group(collectionName);
    Index<P> existing = group.find(indexName);
    if (existing != null) {
      return existing;
    }
    SecondaryIndex<P> index = new SecondaryIndex<>(indexName, keys, sparse, naturalOrder, group);
    if (defer) {
      index.defer();
    }
    return index;
  }

  /**
   * Builds every deferred index, one read of each collection for all its indexes: {@code documents}
   * gives a collection's documents with their positions.
   */
  void buildDeferred(Function<String, Iterable<Map.Entry<P, Document>>> documents) {
    groups.forEach(
        (collectionName, group) -> {
          List<SecondaryIndex<P>> deferred = new ArrayList<>();
          for (IndexGroup.Member<P> member : group.members()) {
            if (member instanceof SecondaryIndex<P> index && index.deferred()) {
              deferred.add(index);
            }
          }
          if (deferred.isEmpty()) {
            return;
          }
          for (Map.Entry<P, Document> entry : documents.apply(collectionName)) {
            for (SecondaryIndex<P> index : deferred) {
              index.add(entry.getValue(), entry.getKey(), null);
            }
          }
          deferred.forEach(SecondaryIndex::built);
        });
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
