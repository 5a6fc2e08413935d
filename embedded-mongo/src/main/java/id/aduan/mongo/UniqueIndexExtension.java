package id.aduan.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * A unique index of the backend (the {@code _id} index, {@code ticket}, ...) that also serves
 * queries naming more fields than its keys.
 *
 * <p>The backend's unique index only answers a query whose fields are exactly its keys: {@code
 * {_id: x}} is a lookup but {@code {_id: x, state: "RUNNING"}} (every conditional update of the
 * services) is a scan. This wrapper keeps the backend's index for everything (storage, uniqueness,
 * positions) and, for a query that has plain equality (or, on one key, {@code $in}) on all of the
 * unique keys and more conditions besides, looks up the unique keys alone; the server checks the
 * other conditions on the one document found. Positions come back in natural order.
 */
final class UniqueIndexExtension<P> extends Index<P> implements IndexGroup.Member<P> {

  private final LongAdder lookups = new LongAdder();

  /** Above any secondary index: at most one document per key. */
  private static final int EXACT = 1_000_000;

  private static final int EXTENDED = 999_999;

  private final Index<P> backend;
  private final Comparator<P> naturalOrder;
  private final IndexGroup<P> group;

  UniqueIndexExtension(
      Index<P> backend, boolean sparse, Comparator<P> naturalOrder, IndexGroup<P> group) {
    super(backend.getName(), backend.getKeys(), sparse);
    this.backend = backend;
    this.naturalOrder = naturalOrder;
    this.group = group;
    group.add(this);
  }

  @Override
  public String name() {
    return getName();
  }

  @Override
  public Index<P> index() {
    return this;
  }

  @Override
  public int score(Document query) {
    if (query == null) {
      return 0;
    }
    if (backend.canHandle(query)) {
      return EXACT;
    }
    Document keysOnly = keysOnly(query);
    return keysOnly != null && backend.canHandle(keysOnly) ? EXTENDED : 0;
  }

  /** The query restricted to the unique keys, or null when one of them has no usable equality. */
  private Document keysOnly(Document query) {
    if (query.size() <= getKeys().size()) {
      return null;
    }
    Document result = new Document();
    for (String key : keys()) {
      Object operand = query.get(key);
      if (operand instanceof Map<?, ?> operators) {
        Object eq = operators.get("$eq");
        Object in = operators.get("$in");
        if (isPlainValue(eq)) {
          result.put(key, eq);
        } else if (keys().size() == 1
            && in instanceof Collection<?> values
            && values.stream().allMatch(UniqueIndexExtension::isPlainValue)) {
          result.put(key, new Document("$in", new ArrayList<>(values)));
        } else {
          return null;
        }
      } else if (isPlainValue(operand)) {
        result.put(key, operand);
      } else {
        return null;
      }
    }
    return result;
  }

  /** A non-null scalar: a missing or null key is not in a sparse unique index. */
  private static boolean isPlainValue(Object value) {
    Object key = IndexKeys.lookupKey(value);
    return key != null && key != IndexKeys.NOT_USABLE;
  }

  @Override
  public boolean canHandle(Document query) {
    return group.chooses(this, query, score(query));
  }

  /** How many queries this index has served (for tests and the benchmark). */
  long lookups() {
    return lookups.sum();
  }

  @Override
  public Iterable<P> getPositions(Document query) {
    lookups.increment();
    if (backend.canHandle(query)) {
      return backend.getPositions(query);
    }
    List<P> positions = new ArrayList<>();
    backend.getPositions(keysOnly(query)).forEach(positions::add);
    positions.sort(naturalOrder);
    return positions;
  }

  // ---- everything else is the backend's index ----

  @Override
  public P getPosition(Document document) {
    return backend.getPosition(document);
  }

  @Override
  public void checkAdd(Document document, MongoCollection<P> collection) {
    backend.checkAdd(document, collection);
  }

  @Override
  public void add(Document document, P position, MongoCollection<P> collection) {
    backend.add(document, position, collection);
  }

  @Override
  public P remove(Document document) {
    return backend.remove(document);
  }

  @Override
  public long getCount() {
    return backend.getCount();
  }

  @Override
  public boolean isEmpty() {
    return backend.isEmpty();
  }

  @Override
  public long getDataSize() {
    return backend.getDataSize();
  }

  @Override
  public void checkUpdate(
      Document oldDocument, Document newDocument, MongoCollection<P> collection) {
    backend.checkUpdate(oldDocument, newDocument, collection);
  }

  @Override
  public void updateInPlace(
      Document oldDocument, Document newDocument, P position, MongoCollection<P> collection) {
    backend.updateInPlace(oldDocument, newDocument, position, collection);
  }

  @Override
  public void drop() {
    backend.drop();
    group.remove(this);
  }

  @Override
  public boolean isUnique() {
    return true;
  }

  @Override
  public Document toIndexDescription() {
    return backend.toIndexDescription();
  }
}
