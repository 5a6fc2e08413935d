package id.aduan.mongo;

import ch.qos.logback.classic.Level;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.bson.Document;
import org.slf4j.LoggerFactory;

/**
 * The store's write path as a complaint uses it (ADR 0058): on a file already holding {@code
 * stored} case-shaped documents, each new case is inserted and then updated three times (state,
 * message, outbox), one client, a commit before every reply; the oplog on or off, the collections'
 * value type keeping documents' bytes ({@code -Daduan.mongo.keepDocumentBytes}, default) or the
 * stock one. One variant per JVM, so one variant's JIT and heap do not bias the next; {@code
 * embedded-mongo/benchmark.sh store [sizes...]} runs them all on copies of the same seeded file and
 * prints a Markdown table. Not a test (no assertions on time).
 *
 * <p>Usage: {@code seed <file> <stored>} | {@code run <seed file> <stored> <cases> <oplog>}.
 */
final class StoreBenchmark {

  private StoreBenchmark() {}

  public static void main(String[] args) throws Exception {
    ((ch.qos.logback.classic.Logger) LoggerFactory.getLogger("ROOT")).setLevel(Level.WARN);
    if (args[0].equals("seed")) {
      seed(Path.of(args[1]), Integer.parseInt(args[2]));
    } else {
      run(
          Path.of(args[1]),
          Integer.parseInt(args[2]),
          Integer.parseInt(args[3]),
          Boolean.parseBoolean(args[4]));
    }
  }

  /** The stored cases, written by the stock backend (the file format is the same). */
  private static void seed(Path file, int stored) throws Exception {
    with(
        new H2Backend(file.toString()),
        false,
        cases -> {
          HotPathQueriesTest.declareIndexes(cases, "cases");
          List<Document> batch = new ArrayList<>();
          for (int i = 0; i < stored; i++) {
            batch.add(caseDocument("case-" + i, i));
            if (batch.size() == 1000 || i == stored - 1) {
              cases.insertMany(batch);
              batch.clear();
            }
          }
        });
  }

  private static void run(Path seed, int stored, int newCases, boolean oplog) throws Exception {
    Path file = Files.createTempFile("store-benchmark", ".mv");
    Files.copy(seed, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    boolean kept = IndexingH2Backend.KEEP_DOCUMENT_BYTES;
    try {
      with(
          new IndexingH2Backend(file.toString()),
          oplog,
          cases -> {
            HotPathQueriesTest.declareIndexes(cases, "cases");
            // Warm-up, not timed: a tenth of the cases.
            lifecycles(cases, "warm-", newCases / 10);
            var os =
                (com.sun.management.OperatingSystemMXBean)
                    ManagementFactory.getOperatingSystemMXBean();
            var threads = ManagementFactory.getThreadMXBean();
            long cpu0 = os.getProcessCpuTime();
            long client0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            int writes = lifecycles(cases, "new-", newCases);
            double seconds = (System.nanoTime() - t0) / 1e9;
            double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6;
            double clientMs = (threads.getCurrentThreadCpuTime() - client0) / 1e6;
            System.out.printf(
                Locale.ROOT,
                "| %d | %s | %s | %.0f | %.2f | %.2f | %.2f |%n",
                stored,
                kept ? "kept bytes" : "stock",
                oplog ? "on" : "off",
                writes / seconds,
                1000 * seconds / writes,
                cpuMs / writes,
                (cpuMs - clientMs) / writes);
          });
    } finally {
      Files.deleteIfExists(file);
    }
  }

  /** Each case inserted, then its state, a message and its outbox updated: the writes counted. */
  private static int lifecycles(MongoCollection<Document> cases, String prefix, int count) {
    int writes = 0;
    for (int i = 0; i < count; i++) {
      String id = prefix + i;
      cases.insertOne(caseDocument(id, i));
      cases.updateOne(
          Filters.eq("_id", id),
          Updates.combine(
              Updates.set("status", "VERIFIED"), Updates.set("state.verifiedAt", Instant.now())));
      cases.updateOne(
          Filters.eq("_id", id),
          Updates.combine(
              Updates.push(
                  "messages",
                  new Document("providerMessageId", "wamid-" + id + "-3")
                      .append("channel", "WHATSAPP")
                      .append("text", "Terima kasih, laporan sudah kami terima.")),
              Updates.set("lastCitizenMessageAt", Instant.now())));
      cases.updateOne(
          Filters.eq("_id", id),
          Updates.combine(Updates.set("outbox", List.of()), Updates.set("outboxPending", false)));
      writes += 4;
    }
    return writes;
  }

  /** A case document of about the platform's size (the hot fields, a state, an outbox entry). */
  static Document caseDocument(String id, int i) {
    Document d = HotPathData.documents("cases", 1).getFirst();
    d.put("_id", id);
    d.put("ticket", "T-" + id);
    d.put(
        "state",
        new Document("category", "INFRASTRUCTURE")
            .append(
                "description",
                "Jalan di depan rumah nomor "
                    + i
                    + " rusak parah dan berlubang sejak bulan lalu,"
                    + " sudah beberapa kali motor warga terjatuh terutama saat hujan malam hari.")
            .append("location", new Document("kelurahan", "Cibeunying").append("rt", i % 20))
            .append("citizenName", "W*** S***")
            .append(
                "history",
                List.of(
                    new Document("at", Instant.parse("2026-03-01T00:00:00Z")).append("to", "NEW"),
                    new Document("at", Instant.parse("2026-03-01T00:01:00Z"))
                        .append("to", "RECEIVED"))));
    d.put(
        "outbox",
        List.of(
            new Document("topic", "aduan.case-events")
                .append("key", id)
                .append(
                    "payload",
                    "{\"type\":\"CaseOpened\",\"caseId\":\""
                        + id
                        + "\",\"agency\":\"BDG\",\"channel\":\"WHATSAPP\",\"at\":\"2026-03-01\"}")));
    return d;
  }

  private interface Use {
    void accept(MongoCollection<Document> cases) throws Exception;
  }

  private static void with(MongoBackend backend, boolean oplog, Use use) throws Exception {
    MongoServer server = new MongoServer(backend);
    if (oplog) {
      server.enableOplog();
    }
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    try (MongoClient client =
        MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
      use.accept(client.getDatabase("aduan").getCollection("cases"));
    } finally {
      server.shutdown();
    }
  }
}
