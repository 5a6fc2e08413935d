package id.aduan.mongo;

import java.util.Collection;
import java.util.Map;
import java.util.TreeSet;

/**
 * What a query asks of one indexed field, reduced to what an index lookup can serve: a set of equal
 * values ({@code field: v}, {@code $eq}, {@code $in}), a range within one type ({@code $gt}, {@code
 * $gte}, {@code $lt}, {@code $lte} on numbers, strings or dates), or nothing. Operators a lookup
 * cannot serve ({@code $ne}, {@code $exists}, {@code $regex}, {@code $elemMatch}, ...) are left to
 * the server's matcher, which checks every document the lookup returns.
 */
record KeyCondition(TreeSet<Object> equal, Object low, Object high, int rangeClass) {

  static final KeyCondition NONE = new KeyCondition(null, null, null, -1);

  boolean isEquality() {
    return equal != null;
  }

  boolean isRange() {
    return rangeClass >= 0;
  }

  boolean usable() {
    return isEquality() || isRange();
  }

  /**
   * The condition of {@code query} on {@code field}: the field's own condition, else one implied by
   * {@code $elemMatch} on a leading part of its path ({@code {messages: {$elemMatch:
   * {providerMessageId: x}}}} implies {@code messages.providerMessageId: x}), else one from an
   * element of a top-level {@code $and}.
   */
  static KeyCondition of(Map<?, ?> query, String field) {
    if (query.containsKey(field)) {
      return ofOperand(query.get(field));
    }
    int dot = field.indexOf('.');
    while (dot > 0) {
      if (query.get(field.substring(0, dot)) instanceof Map<?, ?> operators
          && operators.get("$elemMatch") instanceof Map<?, ?> element) {
        KeyCondition implied = of(element, field.substring(dot + 1));
        if (implied.usable()) {
          return implied;
        }
      }
      dot = field.indexOf('.', dot + 1);
    }
    if (query.get("$and") instanceof Collection<?> all) {
      for (Object part : all) {
        if (part instanceof Map<?, ?> conjunct) {
          KeyCondition implied = of(conjunct, field);
          if (implied.usable()) {
            return implied;
          }
        }
      }
    }
    return NONE;
  }

  private static KeyCondition ofOperand(Object operand) {
    if (!(operand instanceof Map<?, ?> operators)) {
      Object key = IndexKeys.lookupKey(operand);
      return key == IndexKeys.NOT_USABLE ? NONE : equal(key);
    }
    if (operators.isEmpty()) {
      return NONE;
    }
    for (Object name : operators.keySet()) {
      if (!(name instanceof String s) || !s.startsWith("$")) {
        // An embedded document compared as a whole.
        return NONE;
      }
    }
    if (operators.containsKey("$regex")) {
      return NONE;
    }
    if (operators.containsKey("$eq")) {
      Object key = IndexKeys.lookupKey(operators.get("$eq"));
      if (key != IndexKeys.NOT_USABLE) {
        return equal(key);
      }
    }
    if (operators.get("$in") instanceof Collection<?> values) {
      TreeSet<Object> keys = new TreeSet<>(IndexKeys.ORDER);
      boolean usable = true;
      for (Object value : values) {
        Object key = IndexKeys.lookupKey(value);
        if (key == IndexKeys.NOT_USABLE) {
          usable = false;
          break;
        }
        keys.add(key);
      }
      if (usable) {
        return new KeyCondition(keys, null, null, -1);
      }
    }
    Object low = bound(operators.get("$gte"), operators.get("$gt"));
    Object high = bound(operators.get("$lte"), operators.get("$lt"));
    int lowClass = IndexKeys.rangeClass(low);
    int highClass = IndexKeys.rangeClass(high);
    if (lowClass >= 0 && highClass == lowClass) {
      return new KeyCondition(null, low, high, lowClass);
    }
    if (lowClass >= 0) {
      return new KeyCondition(null, low, null, lowClass);
    }
    if (highClass >= 0) {
      return new KeyCondition(null, null, high, highClass);
    }
    return NONE;
  }

  private static KeyCondition equal(Object key) {
    TreeSet<Object> keys = new TreeSet<>(IndexKeys.ORDER);
    keys.add(key);
    return new KeyCondition(keys, null, null, -1);
  }

  /**
   * Inclusive and exclusive bounds are both taken inclusively: the matcher drops the equal ones.
   */
  private static Object bound(Object inclusive, Object exclusive) {
    Object a = IndexKeys.normalize(inclusive);
    Object b = IndexKeys.normalize(exclusive);
    if (IndexKeys.rangeClass(a) >= 0) {
      return a;
    }
    return IndexKeys.rangeClass(b) >= 0 ? b : null;
  }
}
