package id.aduan.mongo;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.Index;
import java.util.LinkedHashMap;
import java.util.Map;

/** How many queries each index of a collection served, by index name. */
final class Lookups {

  private Lookups() {}

  static Map<String, Long> of(MongoBackend backend, String database, String collection) {
    AbstractMongoBackend b = (AbstractMongoBackend) backend;
    Map<String, Long> result = new LinkedHashMap<>();
    for (Object index :
        b.resolveDatabase(database).resolveCollection(collection, true).getIndexes()) {
      Index<?> i = (Index<?>) index;
      long n =
          switch (i) {
            case SecondaryIndex<?> s -> s.lookups();
            case UniqueIndexExtension<?> u -> u.lookups();
            default -> 0L;
          };
      result.put(i.getName(), n);
    }
    return result;
  }

  static long total(MongoBackend backend, String database, String collection) {
    return of(backend, database, collection).values().stream().mapToLong(Long::longValue).sum();
  }
}
