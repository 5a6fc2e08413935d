package id.aduan.mongo;

import ch.qos.logback.classic.Level;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import org.bson.Document;
import org.slf4j.LoggerFactory;

/**
 * Query time of the case-service's hot query shapes on the local platform's store (H2 file), with
 * the platform's indexes and with the stock backend, in the same run, at 10^3, 10^4 and 10^5 cases.
 * Not a test (no assertions on time): run {@code embedded-mongo/benchmark.sh [sizes...]}.
 */
public final class IndexBenchmark {

  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");
  private static final String[] AGENCIES = {"BDG", "BTN", "LBK"};

  private IndexBenchmark() {}

  /** A query of the shape for run {@code i} (values vary so no run repeats the previous). */
  private record Shape(String name, IntFunction<Document> filter, Document sort, int limit) {}

  private static List<Shape> shapes(int n) {
    int citizens = Math.max(10, n / 20);
    return List.of(
        new Shape(
            "threading: latest open case of a citizen (agency, citizenKey, status $nin; sort, limit 1)",
            i ->
                new Document("agencyCode", AGENCIES[(i * 7 % citizens) % 3])
                    .append("citizenKey", "citizen-" + (i * 7 % citizens))
                    .append("status", new Document("$nin", List.of("CLOSED", "ARCHIVED"))),
            new Document("lastCitizenMessageAt", -1),
            1),
        new Shape(
            "reply threading: case holding a message id (agency, messages.providerMessageId $in)",
            i ->
                new Document("agencyCode", AGENCIES[(i * 31 % n) % 3])
                    .append(
                        "messages.providerMessageId",
                        new Document("$in", List.of("wamid-" + (i * 31 % n), "wamid-x"))),
            null,
            1),
        new Shape(
            "duplicate check: open cases received since a moment (agency, receivedAt $gte, status $nin; sort, limit 20)",
            i ->
                new Document("agencyCode", AGENCIES[i % 3])
                    .append("receivedAt", new Document("$gte", T0.plusSeconds(3600L * (900 + i))))
                    .append("status", new Document("$nin", List.of("CLOSED"))),
            new Document("receivedAt", -1),
            20),
        new Shape(
            "inbox: agency and two statuses (sort receivedAt, limit 20)",
            i ->
                new Document("agencyCode", AGENCIES[i % 3])
                    .append("status", new Document("$in", List.of("RECEIVED", "VERIFIED"))),
            new Document("receivedAt", -1),
            20),
        new Shape(
            "case by ticket in the officer's scope (agency, ticket)",
            i ->
                new Document("agencyCode", AGENCIES[(i * 13 % n) % 3])
                    .append("ticket", String.format("T-%06d", i * 13 % n)),
            null,
            1),
        new Shape(
            "outbox sweep (outboxPending true, limit 100)",
            i -> new Document("outboxPending", true),
            null,
            100),
        new Shape(
            "conditional update's filter (_id and status)",
            i -> new Document("_id", "case-" + (i * 17 % n)).append("status", "RECEIVED"),
            null,
            1));
  }

  public static void main(String[] args) throws Exception {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("ROOT")).setLevel(Level.WARN);
    int[] sizes =
        args.length == 0
            ? new int[] {1_000, 10_000, 100_000}
            : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
    Path dir = Files.createTempDirectory("index-benchmark");
    System.out.printf(
        "# %s, %d cores, Java %s%n",
        Instant.now(), Runtime.getRuntime().availableProcessors(), Runtime.version());
    System.out.println(
        "| cases | query | stock H2 backend (ms, median) | indexed (ms, median) | speed-up |");
    System.out.println("|---:|---|---:|---:|---:|");
    for (int n : sizes) {
      Map<String, double[]> results = new LinkedHashMap<>();
      String stockFile = dir.resolve("stock-" + n + ".mv").toString();
      String indexedFile = dir.resolve("indexed-" + n + ".mv").toString();
      measure(new H2Backend(stockFile), n, results, 0, true);
      measure(new IndexingH2Backend(indexedFile), n, results, 1, true);
      for (Map.Entry<String, double[]> e : results.entrySet()) {
        double[] ms = e.getValue();
        System.out.printf(
            Locale.ROOT,
            "| %,d | %s | %.2f | %.3f | %.0f× |%n",
            n,
            e.getKey(),
            ms[0],
            ms[1],
            ms[0] / ms[1]);
      }
      // What the indexes cost at start: reopen both files (the indexes are rebuilt from the data).
      double stockOpen = openMillis(() -> new H2Backend(stockFile));
      double indexedOpen = openMillis(() -> new IndexingH2Backend(indexedFile));
      System.out.printf(
          Locale.ROOT,
          "| %,d | opening the data file (indexes rebuilt) | %.0f | %.0f | |%n",
          n,
          stockOpen,
          indexedOpen);
    }
  }

  /**
   * The backend is made inside the timing: opening the file and building the indexes is its
   * constructor.
   */
  private static double openMillis(Supplier<MongoBackend> backend) {
    long start = System.nanoTime();
    new MongoServer(backend.get()).shutdown();
    return (System.nanoTime() - start) / 1e6;
  }

  private static void measure(
      MongoBackend backend, int n, Map<String, double[]> results, int column, boolean populate) {
    MongoServer server = new MongoServer(backend);
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    try (MongoClient client =
        MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
      MongoCollection<Document> cases = client.getDatabase("aduan").getCollection("cases");
      HotPathQueriesTest.declareIndexes(cases, "cases");
      if (populate) {
        List<Document> all = HotPathData.documents("cases", n);
        for (int from = 0; from < all.size(); from += 1_000) {
          cases.insertMany(all.subList(from, Math.min(all.size(), from + 1_000)));
        }
      }
      // Fewer runs where a scan takes seconds; the median of an odd count either way.
      int runs = n >= 100_000 ? 7 : 15;
      for (Shape shape : shapes(n)) {
        for (int i = 0; i < 2; i++) {
          run(cases, shape, i);
        }
        double[] times = new double[runs];
        for (int i = 0; i < runs; i++) {
          long t = System.nanoTime();
          int found = run(cases, shape, 3 + i);
          times[i] = (System.nanoTime() - t) / 1e6;
          if (found < 0) {
            throw new IllegalStateException();
          }
        }
        Arrays.sort(times);
        results.computeIfAbsent(shape.name(), k -> new double[2])[column] = times[runs / 2];
      }
    } finally {
      server.shutdown();
    }
  }

  private static int run(MongoCollection<Document> cases, Shape shape, int i) {
    var find = cases.find(shape.filter().apply(i)).limit(shape.limit());
    if (shape.sort() != null) {
      find = find.sort(shape.sort());
    }
    return find.into(new ArrayList<>()).size();
  }
}
