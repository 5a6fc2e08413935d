package id.aduan.mongo;

import de.bwaldvogel.mongo.bson.Document;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many commands the server has answered since it started, per database and command name: what a
 * benchmark divides by the complaints it sent to get store operations per complaint (issue 20).
 * {@code serverStatus} reports them as MongoDB does ({@code opcounters}: {@code insert}, {@code
 * query}, {@code update}, {@code delete}, {@code getmore}, {@code command}; one per command, not
 * per document) and, in {@code aduanCommands}, per database and command name.
 */
final class CommandCounts {

  private final ConcurrentMap<String, ConcurrentMap<String, LongAdder>> perDatabase =
      new ConcurrentHashMap<>();

  /** One command {@code command} on {@code database}. */
  void count(String database, String command) {
    perDatabase
        .computeIfAbsent(database, d -> new ConcurrentHashMap<>())
        .computeIfAbsent(command, c -> new LongAdder())
        .increment();
  }

  /** MongoDB's {@code opcounters} shape, summed over every database. */
  Document opcounters() {
    Map<String, Long> sums = new TreeMap<>();
    for (String kind : new String[] {"insert", "query", "update", "delete", "getmore", "command"}) {
      sums.put(kind, 0L);
    }
    perDatabase
        .values()
        .forEach(
            commands -> commands.forEach((name, n) -> sums.merge(kind(name), n.sum(), Long::sum)));
    Document out = new Document();
    sums.forEach(out::put);
    return out;
  }

  /** Per database, per command name (as the client spelled it), the count. */
  Document perDatabase() {
    Document out = new Document();
    new TreeMap<>(perDatabase)
        .forEach(
            (database, commands) -> {
              Document counts = new Document();
              new TreeMap<>(commands).forEach((name, n) -> counts.put(name, n.sum()));
              out.put(database, counts);
            });
    return out;
  }

  private static String kind(String command) {
    return switch (command.toLowerCase(Locale.ROOT)) {
      case "insert" -> "insert";
      case "find", "count", "aggregate", "distinct" -> "query";
      case "update", "findandmodify" -> "update";
      case "delete" -> "delete";
      case "getmore" -> "getmore";
      default -> "command";
    };
  }
}
