package id.aduan.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.bson.Document;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The collections' value type keeps each document's serialized bytes until the backend changes it
 * (ADR 0058): it writes the stock type's bytes, the file it writes is the stock backend's, and a
 * changed document's new content (never the kept bytes) is what the file holds after the commit.
 */
class DocumentValueTypeTest {

  @TempDir Path dir;

  @Test
  void writesExactlyTheBytesOfTheStockTypeAlsoWhenItReusesThem() {
    DocumentValueType cached = new DocumentValueType();
    ObjectDataType stock = new ObjectDataType();
    Random random = new Random(7);
    for (int i = 0; i < 200; i++) {
      de.bwaldvogel.mongo.bson.Document document = serverDocument(random, i);
      byte[] expected = written(stock, document);
      assertThat(written(cached, document)).isEqualTo(expected);
      assertThat(written(cached, document)).as("kept bytes").isEqualTo(expected);
    }
    assertThat(cached.serialized()).isEqualTo(200);
    // Other values (keys, the metadata map's numbers) are written as the stock type writes them.
    for (Object other : new Object[] {"case-1", 42, 7L, null, Instant.EPOCH.toString()}) {
      assertThat(written(cached, other)).isEqualTo(written(stock, other));
    }
  }

  @Test
  void aRewrittenPageSerializesOnlyTheDocumentThatChanged() {
    String file = dir.resolve("page.mv").toString();
    MVStore store = new MVStore.Builder().fileName(file).open();
    DocumentValueType type = new DocumentValueType();
    MVMap<Object, de.bwaldvogel.mongo.bson.Document> map =
        store.openMap(
            "databases.aduan.cases",
            new MVMap.Builder<Object, de.bwaldvogel.mongo.bson.Document>().valueType(type));
    Random random = new Random(3);
    for (int i = 0; i < 20; i++) {
      map.put("case-" + i, serverDocument(random, i));
    }
    store.commit();
    assertThat(type.serialized()).isEqualTo(20);

    // Changed in place, as the backend's update does, then put back.
    de.bwaldvogel.mongo.bson.Document changed = map.get("case-5");
    changed.put("status", "RESOLVED");
    type.changed(changed);
    map.put("case-5", changed);
    store.commit();
    assertThat(type.serialized()).as("the one changed document of the page").isEqualTo(21);
    assertThat(type.kept()).isEqualTo(20);
    store.closeImmediately();

    MVStore reopened = new MVStore.Builder().fileName(file).readOnly().open();
    try {
      MVMap<Object, de.bwaldvogel.mongo.bson.Document> stockMap =
          reopened.openMap("databases.aduan.cases");
      assertThat(stockMap.get("case-5").get("status")).isEqualTo("RESOLVED");
      assertThat(stockMap).hasSize(20);
    } finally {
      reopened.close();
    }
  }

  /**
   * Updates through the server change the stored document object in place: the file must hold the
   * update once its reply is out, also when the document's old bytes were kept (the store is
   * dropped without a close, as a SIGKILL would).
   */
  @Test
  void anUpdatedDocumentsNewContentIsInTheFileAfterItsReply() {
    String file = dir.resolve("update.mv").toString();
    IndexingH2Backend backend = new IndexingH2Backend(file);
    with(
        backend,
        cases -> {
          for (int i = 0; i < 30; i++) {
            cases.insertOne(new Document("_id", "case-" + i).append("status", "RECEIVED"));
          }
          cases.updateOne(Filters.eq("_id", "case-7"), Updates.set("status", "VERIFIED"));
          cases.replaceOne(
              Filters.eq("_id", "case-8"), new Document("_id", "case-8").append("status", "NEW"));
          cases.findOneAndUpdate(Filters.eq("_id", "case-9"), Updates.set("status", "IN_PROGRESS"));
          cases.updateMany(Filters.in("_id", "case-10", "case-11"), Updates.unset("status"));
          assertThat(backend.getMvStore().hasUnsavedChanges()).isFalse();
          assertThat(dataType(backend).kept()).as("the old bytes were kept").isPositive();
          backend.getMvStore().closeImmediately();
        });

    with(
        new H2Backend(file),
        cases -> {
          assertThat(cases.find(Filters.eq("_id", "case-7")).first())
              .containsEntry("status", "VERIFIED");
          assertThat(cases.find(Filters.eq("_id", "case-8")).first())
              .containsEntry("status", "NEW");
          assertThat(cases.find(Filters.eq("_id", "case-9")).first())
              .containsEntry("status", "IN_PROGRESS");
          assertThat(cases.find(Filters.eq("_id", "case-10")).first()).doesNotContainKey("status");
          assertThat(cases.find(Filters.eq("status", "RECEIVED")).into(new ArrayList<>()))
              .hasSize(25);
        });
  }

  /**
   * Random inserts, updates, replaces, upserts and deletes against the indexing backend on a file
   * (kept bytes, a commit before every reply, a restart half-way) and the stock H2 backend in
   * memory; then the file, opened by the stock backend, holds exactly the stock server's documents.
   */
  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {31, 32, 33})
  void aFileWrittenWithKeptBytesReadsBackAsTheStockServersDocuments(long seed) {
    String file = dir.resolve("diff-" + seed + ".mv").toString();
    Random random = new Random(seed);
    MongoServer reference = new MongoServer(H2Backend.inMemory());
    reference.bind(new InetSocketAddress("127.0.0.1", 0));
    try (MongoClient referenceClient =
        MongoClients.create("mongodb://127.0.0.1:" + reference.getLocalAddress().getPort())) {
      MongoCollection<Document> expected =
          referenceClient.getDatabase("aduan").getCollection("cases");
      int[] nextId = {0};
      for (int half = 0; half < 2; half++) {
        IndexingH2Backend backend = new IndexingH2Backend(file);
        with(
            backend,
            actual -> {
              for (int w = 0; w < 400; w++) {
                write(random, nextId, expected, actual);
              }
              DocumentValueType type = dataType(backend);
              assertThat(type.serialized())
                  .as("most documents of rewritten pages came from the kept bytes")
                  .isLessThan(type.written() / 2);
            });
      }
      Map<String, Document> stock = new TreeMap<>();
      with(new H2Backend(file), cases -> cases.find().forEach(d -> stock.put(key(d), d)));
      Map<String, Document> wanted = new TreeMap<>();
      expected.find().forEach(d -> wanted.put(key(d), d));
      assertThat(stock).hasSizeGreaterThan(100).isEqualTo(wanted);
    } finally {
      reference.shutdownNow();
    }
  }

  private static void write(
      Random r, int[] nextId, MongoCollection<Document> a, MongoCollection<Document> b) {
    // A stored (or deleted) document's _id, or one no insert will take (upserts create it).
    int n = r.nextInt(nextId[0] + 5);
    String id = n < nextId[0] ? "case-" + n : "up-" + n;
    switch (r.nextInt(8)) {
      case 0, 1 -> {
        List<Document> batch = new ArrayList<>();
        for (int i = 1 + r.nextInt(5); i > 0; i--) {
          batch.add(clientDocument(r, nextId[0]++));
        }
        a.insertMany(batch.stream().map(Document::new).toList());
        b.insertMany(batch.stream().map(Document::new).toList());
      }
      case 2 -> {
        var update = Updates.set("status", "S" + r.nextInt(7));
        a.updateOne(Filters.eq("_id", id), update);
        b.updateOne(Filters.eq("_id", id), update);
      }
      case 3 -> {
        var update =
            Updates.combine(
                Updates.push("messages", new Document("text", "m" + r.nextInt(100))),
                Updates.inc("count", 1));
        String division = "d" + r.nextInt(3);
        a.updateMany(Filters.eq("division", division), update);
        b.updateMany(Filters.eq("division", division), update);
      }
      case 4 -> {
        Document replacement = clientDocument(r, 0).append("_id", id);
        ReplaceOptions upsert = new ReplaceOptions().upsert(r.nextBoolean());
        a.replaceOne(Filters.eq("_id", id), replacement, upsert);
        b.replaceOne(Filters.eq("_id", id), new Document(replacement), upsert);
      }
      case 5 -> {
        var update = Updates.set("deadlines.response.state", "WARNED");
        a.findOneAndUpdate(Filters.eq("_id", id), update);
        b.findOneAndUpdate(Filters.eq("_id", id), update);
      }
      case 6 -> {
        var update = Updates.unset("citizenKey");
        UpdateOptions upsert = new UpdateOptions().upsert(true);
        a.updateOne(Filters.eq("_id", id), update, upsert);
        b.updateOne(Filters.eq("_id", id), update, upsert);
      }
      default -> {
        a.deleteOne(Filters.eq("_id", id));
        b.deleteOne(Filters.eq("_id", id));
      }
    }
  }

  private static String key(Document d) {
    return String.valueOf(d.get("_id"));
  }

  private static DocumentValueType dataType(IndexingH2Backend backend) {
    return (DocumentValueType) backend.getMvStore().openMap("databases.aduan.cases").getValueType();
  }

  private static Document clientDocument(Random r, int i) {
    return new Document("_id", "case-" + i)
        .append("ticket", String.format("T-%06d", i))
        .append("division", "d" + r.nextInt(3))
        .append("status", "S" + r.nextInt(7))
        .append("citizenKey", "citizen-" + r.nextInt(50))
        .append("receivedAt", Instant.parse("2026-03-01T00:00:00Z").plusSeconds(r.nextInt(99999)))
        .append("dupKeys", List.of("b0|" + r.nextInt(37), "b1|" + r.nextInt(41)))
        .append("messages", List.of(new Document("providerMessageId", "wamid-" + i)))
        .append("deadlines", new Document("response", new Document("state", "RUNNING")));
  }

  private static de.bwaldvogel.mongo.bson.Document serverDocument(Random r, int i) {
    de.bwaldvogel.mongo.bson.Document messages = new de.bwaldvogel.mongo.bson.Document();
    messages.put("providerMessageId", "wamid-" + i);
    de.bwaldvogel.mongo.bson.Document d = new de.bwaldvogel.mongo.bson.Document();
    d.put("_id", "case-" + i);
    d.put("status", "S" + r.nextInt(7));
    d.put("receivedAt", java.util.Date.from(Instant.EPOCH.plusSeconds(r.nextInt(99999))));
    d.put("count", r.nextInt(10));
    d.put("messages", List.of(messages));
    return d;
  }

  private static byte[] written(ObjectDataType type, Object value) {
    WriteBuffer buffer = new WriteBuffer();
    type.write(buffer, value);
    byte[] bytes = new byte[buffer.position()];
    buffer.getBuffer().flip().get(bytes);
    return bytes;
  }

  private static void with(MongoBackend backend, Consumer<MongoCollection<Document>> use) {
    DataFileCompatibilityTest.with(backend, use);
  }
}
