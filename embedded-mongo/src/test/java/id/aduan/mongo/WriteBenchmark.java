package id.aduan.mongo;

import ch.qos.logback.classic.Level;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.bson.Document;
import org.slf4j.LoggerFactory;

/**
 * What a commit before every reply (ADR 0042) costs the local platform's store: single-document
 * inserts and updates of case-shaped documents over the wire, on an H2 file, with MVStore's
 * background commit (the stock behaviour) and with a commit before each reply, by 1 and by 4
 * concurrent clients. Not a test (no assertions on time): run {@code embedded-mongo/benchmark.sh
 * writes [count]}.
 */
final class WriteBenchmark {

  private WriteBenchmark() {}

  public static void main(String[] args) throws Exception {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("ROOT")).setLevel(Level.WARN);
    int count = args.length == 0 ? 2_000 : Integer.parseInt(args[0]);
    Path dir = Files.createTempDirectory("write-benchmark");
    System.out.printf(
        "# %s, %d cores, Java %s, %d inserts then %d updates per run%n",
        Instant.now(), Runtime.getRuntime().availableProcessors(), Runtime.version(), count, count);
    System.out.println(
        "| clients | commit | insert median (ms) | insert p99 (ms) | update median (ms) | update p99"
            + " (ms) | writes/s |");
    System.out.println("|---:|---|---:|---:|---:|---:|---:|");
    for (int clients : new int[] {1, 4}) {
      for (boolean commitBeforeReply : new boolean[] {false, true}) {
        Path file = dir.resolve("w-" + clients + "-" + commitBeforeReply + ".mv");
        run(
            new IndexingH2Backend(file.toString(), commitBeforeReply),
            commitBeforeReply ? "before every reply" : "background (1 s)",
            clients,
            count);
      }
    }
  }

  private static void run(IndexingH2Backend backend, String commit, int clients, int count)
      throws Exception {
    MongoServer server = new MongoServer(backend);
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    String uri = "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
    List<Document> docs = HotPathData.documents("cases", count);
    ExecutorService pool = Executors.newFixedThreadPool(clients);
    try (MongoClient client = MongoClients.create(uri)) {
      MongoCollection<Document> cases = client.getDatabase("aduan").getCollection("cases");
      HotPathQueriesTest.declareIndexes(cases, "cases");
      // Warm-up: the first hundred documents, not timed.
      int warm = Math.min(100, count / 10);
      docs.subList(0, warm).forEach(cases::insertOne);
      List<Document> timed = docs.subList(warm, count);
      long start = System.nanoTime();
      double[] inserts = timed(pool, clients, timed.size(), i -> cases.insertOne(timed.get(i)));
      double[] updates =
          timed(
              pool,
              clients,
              timed.size(),
              i ->
                  cases.updateOne(
                      Filters.eq("_id", timed.get(i).get("_id")),
                      Updates.set("lastCitizenMessageAt", Instant.now())));
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "| %d | %s | %.2f | %.2f | %.2f | %.2f | %.0f |%n",
          clients,
          commit,
          percentile(inserts, 50),
          percentile(inserts, 99),
          percentile(updates, 50),
          percentile(updates, 99),
          2 * timed.size() / seconds);
    } finally {
      pool.shutdownNow();
      server.shutdown();
    }
  }

  private interface Write {
    void apply(int i);
  }

  private static double[] timed(ExecutorService pool, int clients, int n, Write write)
      throws Exception {
    double[] millis = new double[n];
    List<Future<?>> workers = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      int first = c;
      workers.add(
          pool.submit(
              () -> {
                for (int i = first; i < n; i += clients) {
                  long t = System.nanoTime();
                  write.apply(i);
                  millis[i] = (System.nanoTime() - t) / 1e6;
                }
              }));
    }
    for (Future<?> w : workers) {
      w.get();
    }
    return millis;
  }

  private static double percentile(double[] values, int p) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, sorted.length * p / 100)];
  }
}
