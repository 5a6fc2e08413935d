package id.aduan.mongo;

import de.bwaldvogel.mongo.MongoCollection;
import de.bwaldvogel.mongo.backend.Index;
import de.bwaldvogel.mongo.backend.IndexKey;
import de.bwaldvogel.mongo.bson.Document;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A non-unique, possibly compound and multikey index kept in memory and built from the documents
 * when its collection opens (so a data file written without it needs nothing to open).
 *
 * <p>It serves a query whose leading index fields carry equality or {@code $in} conditions,
 * optionally followed by one range, and returns the positions of every document that could match,
 * in the collection's natural order; the server then checks the whole query on each of them and
 * sorts, skips and limits as without an index. So a query gives the same documents in the same
 * order with or without the index; only fewer documents are read.
 *
 * <p>A document whose keys multiply past {@value #MAX_KEYS_PER_DOCUMENT} (parallel arrays) turns
 * the index off until the collection is reopened: the server then scans, as before.
 */
final class SecondaryIndex<P> extends Index<P> implements IndexGroup.Member<P> {

  private final LongAdder lookups = new LongAdder();
  private final LongAdder orderedReads = new LongAdder();

  private static final Logger log = LoggerFactory.getLogger(SecondaryIndex.class);

  static final int MAX_KEYS_PER_DOCUMENT = 10_000;

  /** Equality prefixes a lookup may expand to (e.g. {@code $in} on two fields). */
  static final int MAX_PREFIXES = 1_000;

  private static final String ID = "_id";

  private final List<List<String>> paths;
  private final boolean[] multikey;
  private final Comparator<P> naturalOrder;
  private final IndexGroup<P> group;
  private final boolean declaredSparse;
  private final NavigableMap<List<Object>, Map<Object, P>> entries =
      new TreeMap<>(IndexKeys.TUPLE_ORDER);
  private long size;
  private boolean disabled;

  /**
   * Set while the index waits to be built by its database in one pass with the collection's other
   * indexes (a reopened H2 file); it then reports itself non-empty so that the server does not
   * build it on its own (two full reads per index).
   */
  private boolean deferred;

  SecondaryIndex(
      String name,
      List<IndexKey> keys,
      boolean sparse,
      Comparator<P> naturalOrder,
      IndexGroup<P> group) {
    // Declared sparse to the core so a document this index does not hold never fails a delete.
    super(name, keys, true);
    this.declaredSparse = sparse;
    this.paths = keys.stream().map(k -> List.of(k.getKey().split("\\.", -1))).toList();
    this.multikey = new boolean[keys.size()];
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

  boolean declaredSparse() {
    return declaredSparse;
  }

  // ---- maintenance ----

  private Set<List<Object>> tuples(Document document) {
    List<TreeSet<Object>> perKey = new ArrayList<>(paths.size());
    long combinations = 1;
    for (int i = 0; i < paths.size(); i++) {
      TreeSet<Object> values = new TreeSet<>(IndexKeys.ORDER);
      if (IndexKeys.collect(document, paths.get(i), 0, values::add)) {
        multikey[i] = true;
      }
      perKey.add(values);
      combinations *= values.size();
      if (combinations > MAX_KEYS_PER_DOCUMENT) {
        return null;
      }
    }
    Set<List<Object>> result = new HashSet<>();
    product(perKey, 0, new ArrayList<>(), result);
    return result;
  }

  private static void product(
      List<TreeSet<Object>> perKey, int i, List<Object> prefix, Set<List<Object>> out) {
    if (i == perKey.size()) {
      // Keys may be null (missing values): an unmodifiable copy, not List.copyOf.
      out.add(Collections.unmodifiableList(new ArrayList<>(prefix)));
      return;
    }
    for (Object value : perKey.get(i)) {
      prefix.add(value);
      product(perKey, i + 1, prefix, out);
      prefix.remove(prefix.size() - 1);
    }
  }

  @Override
  public synchronized void add(Document document, P position, MongoCollection<P> collection) {
    if (disabled) {
      return;
    }
    Set<List<Object>> tuples = tuples(document);
    if (tuples == null) {
      disable(document);
      return;
    }
    Object id = document.get(ID);
    for (List<Object> tuple : tuples) {
      if (entries.computeIfAbsent(tuple, t -> new HashMap<>(2)).put(id, position) == null) {
        size++;
      }
    }
  }

  private void disable(Document document) {
    log.warn(
        "index {} turned off: a document ({}) has more than {} keys; queries scan",
        getName(),
        document.get(ID),
        MAX_KEYS_PER_DOCUMENT);
    disabled = true;
    entries.clear();
    size = 0;
  }

  @Override
  public synchronized P remove(Document document) {
    if (disabled) {
      return null;
    }
    Set<List<Object>> tuples = tuples(document);
    if (tuples == null) {
      return null;
    }
    return removeEntries(tuples, document.get(ID));
  }

  private P removeEntries(Set<List<Object>> tuples, Object id) {
    P position = null;
    for (List<Object> tuple : tuples) {
      Map<Object, P> bucket = entries.get(tuple);
      if (bucket == null) {
        continue;
      }
      P removed = bucket.remove(id);
      if (removed != null) {
        position = removed;
        size--;
      }
      if (bucket.isEmpty()) {
        entries.remove(tuple);
      }
    }
    return position;
  }

  @Override
  public synchronized void updateInPlace(
      Document oldDocument, Document newDocument, P position, MongoCollection<P> collection) {
    if (disabled) {
      return;
    }
    Set<List<Object>> before = tuples(oldDocument);
    Set<List<Object>> after = tuples(newDocument);
    if (before != null && before.equals(after)) {
      return;
    }
    if (before != null) {
      removeEntries(before, oldDocument.get(ID));
    }
    add(newDocument, position, collection);
  }

  @Override
  public P getPosition(Document document) {
    // Positions of single documents come from the unique _id index.
    return null;
  }

  @Override
  public void checkAdd(Document document, MongoCollection<P> collection) {
    // Not unique: nothing to refuse.
  }

  @Override
  public void checkUpdate(
      Document oldDocument, Document newDocument, MongoCollection<P> collection) {
    // Not unique: nothing to refuse.
  }

  @Override
  public synchronized long getCount() {
    return size;
  }

  @Override
  public synchronized boolean isEmpty() {
    return size == 0 && !deferred;
  }

  void defer() {
    deferred = true;
  }

  boolean deferred() {
    return deferred;
  }

  /** Ends the deferral after the database added every document. */
  synchronized void built() {
    deferred = false;
  }

  @Override
  public long getDataSize() {
    return getCount();
  }

  @Override
  public synchronized void drop() {
    entries.clear();
    size = 0;
    group.remove(this);
  }

  // ---- lookups ----

  /**
   * How well the index narrows the query: 2 per leading field with an equality, 1 for a final
   * range, times 1000, less the number of equality prefixes (one value beats an {@code $in}).
   */
  @Override
  public synchronized int score(Document query) {
    Plan plan = plan(query);
    return plan == null ? 0 : plan.score;
  }

  @Override
  public boolean canHandle(Document query) {
    return group.chooses(this, query, score(query));
  }

  private record Plan(List<List<Object>> prefixes, KeyCondition range, int score) {}

  private Plan plan(Document query) {
    if (disabled || query == null) {
      return null;
    }
    List<List<Object>> prefixes = new ArrayList<>();
    prefixes.add(List.of());
    int score = 0;
    KeyCondition range = null;
    for (List<String> path : paths) {
      KeyCondition condition = KeyCondition.of(query, String.join(".", path));
      if (condition.isEquality()) {
        if ((long) prefixes.size() * Math.max(1, condition.equal().size()) > MAX_PREFIXES) {
          break;
        }
        List<List<Object>> longer = new ArrayList<>();
        for (List<Object> prefix : prefixes) {
          for (Object value : condition.equal()) {
            List<Object> next = new ArrayList<>(prefix);
            next.add(value);
            longer.add(next);
          }
        }
        prefixes = longer;
        score += 2;
      } else {
        if (condition.isRange()) {
          range = condition;
          score += 1;
        }
        break;
      }
    }
    return score == 0
        ? null
        : new Plan(prefixes, range, score * 1000 - Math.min(prefixes.size(), 999));
  }

  /** How many sorted queries this index served in its order (for tests). */
  long orderedReads() {
    return orderedReads.sum();
  }

  /** How many queries this index has served (for tests and the benchmark). */
  long lookups() {
    return lookups.sum();
  }

  @Override
  public synchronized Iterable<P> getPositions(Document query) {
    lookups.increment();
    Plan plan = plan(query);
    Set<P> found = new HashSet<>();
    BiConsumer<List<Object>, Map<Object, P>> into = (key, bucket) -> found.addAll(bucket.values());
    for (List<Object> prefix : plan.prefixes()) {
      if (plan.range() == null) {
        scan(entries.tailMap(prefix, true), prefix, null, -1, into);
      } else {
        scanRange(prefix, plan.range(), into);
      }
    }
    List<P> ordered = new ArrayList<>(found);
    ordered.sort(naturalOrder);
    return ordered;
  }

  /**
   * The positions of every document that could match {@code query}, in the order a sort on {@code
   * field} ({@code descending} or not) gives the matching ones: by the field's value, and in the
   * collection's natural order among equal values (the server's sort is stable over a natural-order
   * stream). So the server can read documents in this order and stop at its limit instead of
   * reading and sorting every candidate (ADR 0056). {@code null} when this index cannot give that
   * order: the field must be the index key right after the query's equalities, carry a range of
   * dates there (so every key walked is a date, ordered as the server orders dates; no missing
   * value, no other type) and never have held an array.
   */
  synchronized List<P> orderedPositions(Document query, String field, boolean descending) {
    Plan plan = plan(query);
    if (plan == null || plan.range() == null || plan.range().rangeClass() != DATE_CLASS) {
      return null;
    }
    int at = plan.prefixes().getFirst().size();
    if (at >= paths.size() || multikey[at] || !String.join(".", paths.get(at)).equals(field)) {
      return null;
    }
    lookups.increment();
    orderedReads.increment();
    NavigableMap<Object, Set<P>> byValue = new TreeMap<>(IndexKeys.ORDER);
    for (List<Object> prefix : plan.prefixes()) {
      scanRange(
          prefix,
          plan.range(),
          (key, bucket) ->
              byValue
                  .computeIfAbsent(key.get(at), v -> new TreeSet<>(naturalOrder))
                  .addAll(bucket.values()));
    }
    List<P> ordered = new ArrayList<>();
    for (Set<P> equal : (descending ? byValue.descendingMap() : byValue).values()) {
      ordered.addAll(equal);
    }
    return ordered;
  }

  private static final int DATE_CLASS = IndexKeys.rangeClass(java.time.Instant.EPOCH);

  private void scanRange(
      List<Object> prefix, KeyCondition range, BiConsumer<List<Object>, Map<Object, P>> found) {
    int at = prefix.size();
    // On an array field, low and high may be met by different elements: use one bound only.
    boolean bothBounds = range.low() != null && range.high() != null && !multikey[at];
    if (range.low() != null) {
      List<Object> from = new ArrayList<>(prefix);
      from.add(range.low());
      scan(
          entries.tailMap(from, true),
          prefix,
          bothBounds ? range.high() : null,
          range.rangeClass(),
          found);
    } else {
      List<Object> from = new ArrayList<>(prefix);
      from.add(range.high());
      from.add(IndexKeys.TOP);
      scan(entries.headMap(from, true).descendingMap(), prefix, null, range.rangeClass(), found);
    }
  }

  /**
   * Walks {@code map} while its keys start with {@code prefix}, the next key stays in {@code
   * rangeClass} (when one is given) and not above {@code high} (when given).
   */
  private void scan(
      NavigableMap<List<Object>, Map<Object, P>> map,
      List<Object> prefix,
      Object high,
      int rangeClass,
      BiConsumer<List<Object>, Map<Object, P>> found) {
    int at = prefix.size();
    for (Map.Entry<List<Object>, Map<Object, P>> entry : map.entrySet()) {
      List<Object> key = entry.getKey();
      if (IndexKeys.TUPLE_ORDER.compare(key.subList(0, at), prefix) != 0) {
        return;
      }
      if (rangeClass >= 0) {
        Object value = key.get(at);
        if (IndexKeys.rangeClass(value) != rangeClass) {
          return;
        }
        if (high != null && IndexKeys.compare(value, high) > 0) {
          return;
        }
      }
      found.accept(key, entry.getValue());
    }
  }
}
