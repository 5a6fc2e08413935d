package id.aduan.mongo;

import de.bwaldvogel.mongo.backend.KeyValue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.h2.mvstore.type.ObjectDataType;

/**
 * The key type of the H2 backend's unique indexes (the {@code _id} index of every collection,
 * {@code ticket}, ...), as the stock backend stores them, compared faster.
 *
 * <p>A unique index maps a {@link KeyValue} to a document's position. {@code KeyValue} is not
 * {@code Comparable}, so H2's {@link ObjectDataType} orders two keys by Java-serializing both and
 * comparing the bytes, at every step of every B-tree search: a lookup by {@code _id} in a
 * collection of 10^5 documents serialized some 30 keys, an insert as many again. This type gives
 * the same order (the same bytes, compared the same way; the file and its B-trees are the stock
 * backend's) but keeps each key object's bytes once computed, so a search serializes the key it
 * looks for once and the keys of the tree's upper levels, met by every search, once. The memo holds
 * at most {@value #MAX_MEMO} keys and is then emptied (ADR 0056).
 */
final class UniqueKeyType extends ObjectDataType {

  static final int MAX_MEMO = 100_000;

  /** A key object by identity: equal keys are different objects with the same bytes anyway. */
  private record Same(Object key) {
    @Override
    public boolean equals(Object other) {
      return other instanceof Same same && same.key == key;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(key);
    }
  }

  private final ConcurrentHashMap<Same, byte[]> memo = new ConcurrentHashMap<>();
  private final LongAdder serialized = new LongAdder();

  @Override
  public int compare(Object a, Object b) {
    if (a == b) {
      return 0;
    }
    if (a instanceof KeyValue && b instanceof KeyValue) {
      // What ObjectDataType does for two objects that are not Comparable, with the bytes kept.
      return compareNotNull(bytes(a), bytes(b));
    }
    return super.compare(a, b);
  }

  private byte[] bytes(Object key) {
    if (memo.size() >= MAX_MEMO) {
      memo.clear();
    }
    return memo.computeIfAbsent(
        new Same(key),
        k -> {
          serialized.increment();
          return serialize(key);
        });
  }

  /** How many keys this type has serialized (for tests). */
  long serialized() {
    return serialized.sum();
  }
}
