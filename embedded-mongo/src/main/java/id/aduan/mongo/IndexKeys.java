package id.aduan.mongo;

import de.bwaldvogel.mongo.backend.Missing;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The values a secondary index keeps, and their order.
 *
 * <p>A document's value at a path is reduced to <em>index keys</em>: numbers become one {@code
 * Double} (so {@code 5}, {@code 5L} and {@code 5.0} are one key, and {@code -0.0} is {@code 0.0}),
 * strings, booleans, dates, ObjectIds and UUIDs stay as they are, a missing value or {@code null}
 * becomes {@code null}, and every other type (embedded documents, binary data, timestamps, ...)
 * becomes the single key {@link #OTHER}. Arrays are taken apart: each element (and each element of
 * nested arrays) is a key, an empty array also yields {@code null}. The reduction may only merge
 * values, never lose one: a lookup that finds a key finds every document that could match, and the
 * server checks the query again on each document found.
 */
final class IndexKeys {

  /** The key of every value of a type that lookups do not use. */
  static final Object OTHER =
      new Object() {
        @Override
        public String toString() {
          return "OTHER";
        }
      };

  /** Greater than every key: the end of a descending range in a compound index. */
  static final Object TOP =
      new Object() {
        @Override
        public String toString() {
          return "TOP";
        }
      };

  static final Comparator<Object> ORDER = IndexKeys::compare;

  static final Comparator<List<Object>> TUPLE_ORDER =
      (a, b) -> {
        int n = Math.min(a.size(), b.size());
        for (int i = 0; i < n; i++) {
          int c = compare(a.get(i), b.get(i));
          if (c != 0) {
            return c;
          }
        }
        return Integer.compare(a.size(), b.size());
      };

  private IndexKeys() {}

  /** The key of a value, or {@code null} when the value is not a scalar a lookup can use. */
  static Object lookupKey(Object value) {
    Object key = normalize(value);
    return key == OTHER ? NOT_USABLE : key;
  }

  /** Marks a query operand that no lookup can serve. */
  static final Object NOT_USABLE = new Object();

  static Object normalize(Object value) {
    if (Missing.isNullOrMissing(value)) {
      return null;
    }
    if (value instanceof Number number) {
      // Adding 0.0 turns -0.0 into 0.0; rounding a long keeps the order, so ranges stay whole.
      return number.doubleValue() + 0.0;
    }
    if (value instanceof String
        || value instanceof Boolean
        || value instanceof Instant
        || value instanceof ObjectId
        || value instanceof UUID) {
      return value;
    }
    return OTHER;
  }

  /** The type class of a key that range lookups stay within, or -1. */
  static int rangeClass(Object key) {
    if (key instanceof Double) {
      return 1;
    }
    if (key instanceof String) {
      return 2;
    }
    if (key instanceof Instant) {
      return 5;
    }
    return -1;
  }

  private static int rank(Object key) {
    if (key == null) {
      return 0;
    }
    if (key instanceof Double) {
      return 1;
    }
    if (key instanceof String) {
      return 2;
    }
    if (key instanceof ObjectId) {
      return 3;
    }
    if (key instanceof Boolean) {
      return 4;
    }
    if (key instanceof Instant) {
      return 5;
    }
    if (key instanceof UUID) {
      return 6;
    }
    return key == TOP ? 8 : 7;
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  static int compare(Object a, Object b) {
    int ra = rank(a);
    int rb = rank(b);
    if (ra != rb) {
      return Integer.compare(ra, rb);
    }
    if (ra == 0 || ra >= 7) {
      return 0;
    }
    return ((Comparable) a).compareTo(b);
  }

  /**
   * Passes every key of {@code value} at {@code path[from..]} to {@code out}; returns whether an
   * array was met on the way (the index is then multikey for that path).
   */
  static boolean collect(Object value, List<String> path, int from, Consumer<Object> out) {
    if (value instanceof Collection<?> list) {
      if (list.isEmpty()) {
        out.accept(null);
      }
      for (Object element : list) {
        collect(element, path, from, out);
      }
      if (from < path.size() && isArrayIndex(path.get(from)) && list instanceof List<?> l) {
        int position = Integer.parseInt(path.get(from));
        if (position < l.size()) {
          collect(l.get(position), path, from + 1, out);
        }
      }
      return true;
    }
    if (from == path.size()) {
      out.accept(normalize(value));
      return false;
    }
    if (value instanceof Map<?, ?> document) {
      String field = path.get(from);
      Object child = document.containsKey(field) ? document.get(field) : Missing.getInstance();
      return collect(child, path, from + 1, out);
    }
    out.accept(null);
    return false;
  }

  private static boolean isArrayIndex(String segment) {
    if (segment.isEmpty() || segment.length() > 9) {
      return false;
    }
    for (int i = 0; i < segment.length(); i++) {
      if (!Character.isDigit(segment.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
