package id.aduan.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import id.aduan.mongo.IndexingH2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.bson.BsonBinarySubType;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.bson.types.Binary;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The benchmark's offline seeding (ADR 0056): copies written into the stopped store's file answer
 * every query as the same copies written over the wire into a running store. Two stores on H2
 * files, the same templates stored in both through the driver; then the same seed batches go to one
 * over the wire and to the other's file while its server is stopped; reopened, the two hold the
 * same documents, the same indexes and the same oplog, and answer the services' query shapes (on
 * the indexed fields, with sorts, ranges, {@code $in} on arrays, counts) alike.
 */
class StoreFileTest {

  private static final String CASES = "aduan-cases";
  private static final String SLA = "aduan-sla";

  @TempDir Path dir;

  @Test
  void seedsWrittenIntoTheStoppedStoresFileAnswerAsSeedsWrittenOverTheWire() {
    Path offlineFile = dir.resolve("offline");
    Path wireFile = dir.resolve("wire");
    MongoServer wireServer = server(wireFile);
    MongoServer offlineServer = server(offlineFile);
    try (MongoClient wire = client(wireServer)) {
      StoreSeeder seeder;
      try (MongoClient offline = client(offlineServer)) {
        List<Document> cases = new ArrayList<>();
        List<Document> due = new ArrayList<>();
        templates(cases, due);
        for (MongoClient c : List.of(wire, offline)) {
          declareAndStore(c, cases, due);
        }
        seeder = new StoreSeeder(wire, Map.of(), 20);
      }
      assertThat(seeder.templates())
          .extracting(t -> t.database() + "." + t.collection())
          .containsExactlyInAnyOrder(CASES + ".cases", SLA + ".sla_due");

      // The platform's way: the store stopped, its file written in this JVM, then started again.
      offlineServer.shutdown();
      long offlineWritten;
      long wireWritten;
      try (StoreFile file = new StoreFile(offlineFile, true)) {
        StoreSeeder.Sink overTheWire = StoreSeeder.wire(wire);
        java.util.concurrent.atomic.LongAdder[] sums = {
          new java.util.concurrent.atomic.LongAdder(), new java.util.concurrent.atomic.LongAdder()
        };
        StoreSeeder.Sink both =
            new StoreSeeder.Sink() {
              @Override
              public long count(String database, String collection) {
                long n = file.count(database, collection);
                assertThat(overTheWire.count(database, collection)).isEqualTo(n);
                return n;
              }

              @Override
              public long insert(String database, String collection, List<Document> batch) {
                sums[0].add(overTheWire.insert(database, collection, batch));
                sums[1].add(file.insert(database, collection, batch));
                return batch.size();
              }
            };
        seeder.fill(both, CASES + ".cases", 200);
        wireWritten = sums[0].sum();
        offlineWritten = sums[1].sum();
      }
      assertThat(offlineWritten).isEqualTo(wireWritten).isEqualTo(540);

      offlineServer = server(offlineFile);
      try (MongoClient offline = client(offlineServer)) {
        assertThat(offline.getDatabase(CASES).getCollection("cases").countDocuments())
            .isEqualTo(200);
        for (String[] c : new String[][] {{CASES, "cases"}, {SLA, "sla_due"}}) {
          List<Document> expected = all(wire, c[0], c[1]);
          List<Document> actual = all(offline, c[0], c[1]);
          assertThat(actual).hasSameSizeAs(expected);
          for (int i = 0; i < expected.size(); i++) {
            assertThat(actual.get(i).toJson())
                .as("document %d of %s.%s", i, c[0], c[1])
                .isEqualTo(expected.get(i).toJson());
          }
          // A reopened store lists its indexes in another order; the definitions are the same.
          assertThat(indexes(offline, c[0], c[1]))
              .containsExactlyInAnyOrderElementsOf(indexes(wire, c[0], c[1]));
        }
        for (Function<MongoClient, List<Document>> query : queries()) {
          List<Document> expected = query.apply(wire);
          assertThat(query.apply(offline)).isEqualTo(expected);
        }
        assertThat(oplog(offline)).as("the oplog's inserts per namespace").isEqualTo(oplog(wire));
      }
    } finally {
      offlineServer.shutdown();
      wireServer.shutdown();
    }
  }

  @Test
  void refusesAFileThePlatformDidNotCreate() {
    assertThatThrownBy(() -> new StoreFile(dir.resolve("absent"), true))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no store file");
  }

  @Test
  void aDocumentReachesTheServerWithTheTypesTheWireGivesIt() {
    UUID uuid = UUID.randomUUID();
    Document driver =
        new Document("_id", new ObjectId())
            .append("at", Date.from(Instant.parse("2026-12-07T10:00:00Z")))
            .append("n", 5L)
            .append("u", new Binary(BsonBinarySubType.UUID_STANDARD, bytes(uuid)))
            .append("nested", new Document("list", List.of(1, "two")));
    de.bwaldvogel.mongo.bson.Document server = StoreFile.toServer(driver);
    assertThat(server.get("at")).isEqualTo(Instant.parse("2026-12-07T10:00:00Z"));
    assertThat(server.get("n")).isEqualTo(5L);
    assertThat(server.get("u")).isEqualTo(uuid);
    assertThat(((de.bwaldvogel.mongo.bson.Document) server.get("nested")).get("list"))
        .isEqualTo(List.of(1, "two"));
  }

  // --- the stores -------------------------------------------------------------------------------

  private static MongoServer server(Path file) {
    MongoServer server = new MongoServer(new IndexingH2Backend(file.toString()));
    server.enableOplog();
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    return server;
  }

  private static MongoClient client(MongoServer server) {
    InetSocketAddress at = server.getLocalAddress();
    return MongoClients.create("mongodb://127.0.0.1:" + at.getPort());
  }

  /** 20 complaints' documents: their cases and their clocks' due moments. */
  private static void templates(List<Document> cases, List<Document> due) {
    Instant t0 = Instant.parse("2026-12-07T08:00:00Z");
    for (int i = 0; i < 20; i++) {
      String id = "case-" + i;
      cases.add(
          new Document("_id", id)
              .append("ticket", "BDG-2026-%06d".formatted(i))
              .append("agencyCode", i % 3 == 0 ? "JKT" : "BDG")
              .append("citizenKey", "c" + i % 7)
              .append("status", i % 4 == 0 ? "RESOLVED" : "RECEIVED")
              .append("receivedAt", Date.from(t0.plusSeconds(60L * i)))
              .append("version", (long) i)
              .append("dupKeys", List.of("k" + i % 5, "b" + i % 2))
              .append("outboxPending", i % 6 == 0)
              .append(
                  "messages",
                  List.of(
                      new Document("providerMessageId", "wamid." + i)
                          .append("text", "jalan rusak " + i)))
              .append(
                  "citizen",
                  new Document("sealed", new Binary(new byte[] {1, 2, (byte) i}))
                      .append("ref", new Binary(BsonBinarySubType.UUID_STANDARD, bytes(uuid(i))))));
      for (String kind : List.of("RESPONSE", "RESOLUTION")) {
        due.add(
            new Document("_id", new ObjectId())
                .append("caseId", id)
                .append("kind", kind)
                .append("dueAt", Date.from(t0.plusSeconds(3600L * (i % 5)))));
      }
    }
  }

  /** Indexes shaped as case-service's and sla-service's, then the templates, one at a time. */
  private static void declareAndStore(
      MongoClient client, List<Document> cases, List<Document> due) {
    MongoCollection<Document> c = client.getDatabase(CASES).getCollection("cases");
    c.createIndex(Indexes.ascending("ticket"), new IndexOptions().unique(true));
    c.createIndex(
        Indexes.ascending("messages.providerMessageId"),
        new IndexOptions().unique(true).sparse(true));
    c.createIndex(Indexes.ascending("agencyCode", "citizenKey", "receivedAt"));
    c.createIndex(Indexes.ascending("agencyCode", "dupKeys", "receivedAt"));
    c.createIndex(Indexes.ascending("outboxPending"));
    MongoCollection<Document> d = client.getDatabase(SLA).getCollection("sla_due");
    d.createIndex(Indexes.ascending("dueAt"));
    d.createIndex(Indexes.ascending("caseId", "kind"), new IndexOptions().unique(true));
    // Copies: the driver gives a document an _id when it has none; these all have one.
    cases.forEach(x -> c.insertOne(new Document(x)));
    due.forEach(x -> d.insertOne(new Document(x)));
  }

  /** The query shapes of the hot path, with sorts and limits, and counts. */
  private static List<Function<MongoClient, List<Document>>> queries() {
    List<Function<MongoClient, List<Document>>> out = new ArrayList<>();
    Instant t0 = Instant.parse("2026-12-07T08:00:00Z");
    out.add(
        c ->
            find(
                c,
                CASES,
                "cases",
                Filters.and(
                    Filters.eq("agencyCode", "BDG"),
                    Filters.eq("citizenKey", "c3"),
                    Filters.nin("status", "RESOLVED")),
                Sorts.descending("receivedAt"),
                1));
    out.add(
        c ->
            find(
                c,
                CASES,
                "cases",
                Filters.and(
                    Filters.eq("agencyCode", "BDG"),
                    Filters.in("dupKeys", "k1", "b0"),
                    Filters.gte("receivedAt", Date.from(t0.plusSeconds(300)))),
                Sorts.descending("receivedAt"),
                20));
    out.add(
        c ->
            find(
                c,
                CASES,
                "cases",
                Filters.in("messages.providerMessageId", "wamid.4-s8", "wamid.9"),
                null,
                0));
    out.add(c -> find(c, CASES, "cases", Filters.eq("outboxPending", true), null, 100));
    out.add(c -> find(c, CASES, "cases", Filters.eq("ticket", "BDG-2026-000011-s7"), null, 0));
    out.add(
        c ->
            find(
                c,
                SLA,
                "sla_due",
                Filters.lte("dueAt", Date.from(t0.plusSeconds(3600))),
                Sorts.ascending("dueAt", "_id"),
                50));
    out.add(
        c ->
            List.of(
                new Document(
                    "n",
                    c.getDatabase(CASES)
                        .getCollection("cases")
                        .countDocuments(
                            Filters.and(
                                Filters.eq("agencyCode", "JKT"),
                                Filters.eq("status", "RECEIVED"))))));
    return out;
  }

  private static List<Document> find(
      MongoClient c, String db, String collection, Bson filter, Bson sort, int limit) {
    var find = c.getDatabase(db).getCollection(collection).find(filter);
    if (sort != null) {
      find = find.sort(sort);
    }
    return find.limit(limit).into(new ArrayList<>());
  }

  private static List<Document> all(MongoClient c, String db, String collection) {
    return c.getDatabase(db)
        .getCollection(collection)
        .find()
        .sort(Sorts.ascending("_id"))
        .into(new ArrayList<>());
  }

  private static List<Document> indexes(MongoClient c, String db, String collection) {
    return c.getDatabase(db).getCollection(collection).listIndexes().into(new ArrayList<>());
  }

  /** Inserts recorded in the oplog, per namespace (their times differ between the two stores). */
  private static Map<String, Long> oplog(MongoClient c) {
    Map<String, Long> out = new TreeMap<>();
    for (Document entry : c.getDatabase("local").getCollection("oplog.rs").find()) {
      out.merge(entry.getString("op") + " " + entry.getString("ns"), 1L, Long::sum);
    }
    return out;
  }

  private static UUID uuid(int i) {
    return new UUID(42, i);
  }

  private static byte[] bytes(UUID u) {
    return java.nio.ByteBuffer.allocate(16)
        .putLong(u.getMostSignificantBits())
        .putLong(u.getLeastSignificantBits())
        .array();
  }
}
