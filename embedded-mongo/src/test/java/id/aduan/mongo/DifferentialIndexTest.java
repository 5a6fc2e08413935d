package id.aduan.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoQueryException;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.UpdateOptions;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The same random documents, writes and queries against the platform's indexing server and the
 * unextended server of the same backend (where every query but {@code _id} scans): every query must
 * return the same documents in the same order, every write must touch the same number of documents.
 * Documents mix types, nulls, missing fields, arrays (also of embedded documents) and nested paths;
 * queries mix equality, {@code $in}, ranges, {@code $ne}, {@code $exists}, sorts, skips and limits,
 * on indexed and unindexed fields.
 */
class DifferentialIndexTest {

  private static final String[] FIELDS = {"a", "b", "c.d", "t", "_id", "e", "u"};
  private final List<MongoServer> servers = new ArrayList<>();
  private final List<MongoClient> clients = new ArrayList<>();

  static Stream<Arguments> backends() {
    Supplier<MongoBackend> memory = MemoryBackend::new;
    Supplier<MongoBackend> indexedMemory = IndexingMemoryBackend::new;
    Supplier<MongoBackend> h2 = H2Backend::inMemory;
    Supplier<MongoBackend> indexedH2 = IndexingH2Backend::inMemory;
    return Stream.of(
        Arguments.of("memory", memory, indexedMemory, 11L),
        Arguments.of("memory", memory, indexedMemory, 12L),
        Arguments.of("h2", h2, indexedH2, 21L),
        Arguments.of("h2", h2, indexedH2, 22L));
  }

  @AfterEach
  void stop() {
    clients.forEach(MongoClient::close);
    servers.forEach(MongoServer::shutdownNow);
  }

  private MongoCollection<Document> collection(MongoBackend backend) {
    MongoServer server = new MongoServer(backend);
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    servers.add(server);
    MongoClient client =
        MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    clients.add(client);
    MongoCollection<Document> c = client.getDatabase("diff").getCollection("docs");
    c.createIndex(new Document("a", 1));
    c.createIndex(new Document("a", 1).append("b", 1));
    c.createIndex(new Document("c.d", 1));
    c.createIndex(new Document("b", 1).append("t", -1));
    c.createIndex(new Document("t", 1));
    c.createIndex(new Document("u", 1), new IndexOptions().unique(true).sparse(true));
    return c;
  }

  @ParameterizedTest(name = "{0} seed {3}")
  @MethodSource("backends")
  void indexedAndUnindexedServersAnswerAlike(
      String name, Supplier<MongoBackend> plain, Supplier<MongoBackend> indexed, long seed) {
    MongoCollection<Document> scan = collection(plain.get());
    MongoBackend indexedBackend = indexed.get();
    MongoCollection<Document> index = collection(indexedBackend);
    Random random = new Random(seed);
    int nextId = 0;
    int queries = 0;
    int unsortable = 0;
    for (int round = 0; round < 6; round++) {
      List<Document> batch = new ArrayList<>();
      for (int i = 0; i < 120; i++) {
        batch.add(document(random, nextId++));
      }
      scan.insertMany(batch.stream().map(Document::new).toList());
      index.insertMany(batch.stream().map(Document::new).toList());

      for (int w = 0; w < 40; w++) {
        Bson filter = filter(random);
        String what = "seed " + seed + " round " + round + " write " + w + " " + filter;
        switch (random.nextInt(5)) {
          case 0 -> {
            Document update = update(random);
            assertThat(outcome(() -> index.updateMany(filter, update).getModifiedCount()))
                .as(what + " " + update)
                .isEqualTo(outcome(() -> scan.updateMany(filter, update).getModifiedCount()));
          }
          case 1 -> {
            Document update = update(random);
            assertThat(outcome(() -> index.updateOne(filter, update).getModifiedCount()))
                .as(what + " " + update)
                .isEqualTo(outcome(() -> scan.updateOne(filter, update).getModifiedCount()));
          }
          case 2 -> {
            Document update =
                new Document("$set", new Document("a", scalar(random)).append("e", w));
            // A known _id, so both servers create the same document (no generated ObjectId).
            Bson eq = new Document("_id", "up-" + random.nextInt(40));
            UpdateOptions upsert = new UpdateOptions().upsert(true);
            assertThat(String.valueOf(index.updateOne(eq, update, upsert).getMatchedCount()))
                .as(what)
                .isEqualTo(String.valueOf(scan.updateOne(eq, update, upsert).getMatchedCount()));
          }
          case 3 ->
              assertThat(index.deleteMany(filter).getDeletedCount())
                  .as(what)
                  .isEqualTo(scan.deleteMany(filter).getDeletedCount());
          default ->
              assertThat(index.countDocuments(filter))
                  .as(what)
                  .isEqualTo(scan.countDocuments(filter));
        }
      }
      assertThat(index.countDocuments()).isEqualTo(scan.countDocuments());

      for (int q = 0; q < 250; q++) {
        Bson filter = filter(random);
        Document sort = sort(random);
        int skip = random.nextInt(4) == 0 ? random.nextInt(5) : 0;
        int limit = random.nextInt(3) == 0 ? 1 + random.nextInt(10) : 0;
        String what =
            "seed " + seed + " round " + round + " query " + filter + " sort " + sort + " skip "
                + skip + " limit " + limit;
        List<Document> expected;
        try {
          expected = run(scan, filter, sort, skip, limit);
        } catch (MongoQueryException e) {
          // The core's sort comparator is not transitive over some mixes of types and arrays, so
          // the unindexed server itself can fail a sort ("Comparison method violates its general
          // contract"): nothing to compare with.
          unsortable++;
          continue;
        }
        List<Document> actual = run(index, filter, sort, skip, limit);
        assertThat(actual).as(what).isEqualTo(expected);
        queries++;
      }
    }
    assertThat(queries + unsortable).isEqualTo(6 * 250);
    assertThat(unsortable).isLessThan(6 * 250 / 20);
    // The comparison means something only if the indexes answered many of the queries.
    assertThat(Lookups.of(indexedBackend, "diff", "docs"))
        .allSatisfy((indexName, served) -> assertThat(served).as(indexName).isPositive());
  }

  /** The result of a write, or the server's error code: both servers must fail alike too. */
  private static String outcome(Supplier<Object> write) {
    try {
      return "ok " + write.get();
    } catch (MongoWriteException e) {
      return "error " + e.getCode();
    }
  }

  private static List<Document> run(
      MongoCollection<Document> c, Bson filter, Document sort, int skip, int limit) {
    var find = c.find(filter).skip(skip).limit(limit);
    if (sort != null) {
      find = find.sort(sort);
    }
    return find.into(new ArrayList<>());
  }

  // ---- generators ----

  private static Document document(Random r, int id) {
    Document d = new Document("_id", r.nextInt(5) == 0 ? "id-" + id : (Object) id);
    maybe(r, d, "a", () -> value(r, 2));
    maybe(r, d, "b", () -> value(r, 2));
    maybe(r, d, "t", () -> r.nextInt(4) == 0 ? value(r, 1) : date(r));
    maybe(
        r,
        d,
        "c",
        () ->
            switch (r.nextInt(4)) {
              case 0 -> new Document("d", value(r, 1));
              case 1 -> List.of(new Document("d", value(r, 1)), new Document("x", 1));
              case 2 -> new Document("x", scalar(r));
              default -> scalar(r);
            });
    if (r.nextInt(3) == 0) {
      d.put("u", "u-" + id);
    }
    maybe(r, d, "e", () -> r.nextInt(8));
    return d;
  }

  private static void maybe(Random r, Document d, String field, Supplier<Object> value) {
    if (r.nextInt(6) != 0) {
      d.put(field, value.get());
    }
  }

  private static Object value(Random r, int depth) {
    int kind = r.nextInt(10);
    if (kind == 0 && depth > 0) {
      List<Object> list = new ArrayList<>();
      int n = r.nextInt(4);
      for (int i = 0; i < n; i++) {
        list.add(value(r, depth - 1));
      }
      return list;
    }
    if (kind == 1 && depth > 0) {
      return new Document("x", scalar(r));
    }
    return scalar(r);
  }

  private static Object scalar(Random r) {
    return switch (r.nextInt(9)) {
      case 0 -> null;
      case 1 -> r.nextInt(6);
      case 2 -> (double) r.nextInt(6) + (r.nextBoolean() ? 0.5 : 0);
      // Longs apart from the doubles: the core's comparator compares a long with a double by
      // truncating the double (2L and 2.5 are "equal"), which breaks sorting on both servers.
      case 3 -> 10L + r.nextInt(3);
      case 4 -> r.nextBoolean();
      case 5 -> date(r);
      default -> "s" + r.nextInt(6);
    };
  }

  private static Instant date(Random r) {
    return Instant.parse("2026-01-01T00:00:00Z").plusSeconds(3600L * r.nextInt(20));
  }

  private static Bson filter(Random r) {
    Document filter = new Document();
    int conditions = r.nextInt(4);
    for (int i = 0; i < conditions; i++) {
      String field = FIELDS[r.nextInt(FIELDS.length)];
      filter.put(field, condition(r, field));
    }
    if (r.nextInt(8) == 0) {
      filter.put(
          "$or", List.of(new Document("a", scalar(r)), new Document("b", condition(r, "b"))));
    }
    return filter;
  }

  private static Object operand(Random r, String field) {
    if (field.equals("_id")) {
      return r.nextBoolean() ? r.nextInt(800) : "id-" + r.nextInt(800);
    }
    if (field.equals("u")) {
      return r.nextInt(5) == 0 ? null : "u-" + r.nextInt(800);
    }
    if (field.equals("e")) {
      return r.nextInt(8);
    }
    return scalar(r);
  }

  private static Object condition(Random r, String field) {
    // mongo-java-server's matcher accepts documents MongoDB would not when two operators meet a
    // path through an array of documents ({"c.d": {$eq: x, $ne: y}} on c: [{d: z}, {x: 1}]); the
    // index answers like MongoDB there (ADR 0036), so such pairs are not compared.
    int kinds = field.equals("c.d") ? 6 : 10;
    return switch (r.nextInt(kinds)) {
      case 0, 1, 2 -> operand(r, field);
      case 3 ->
          new Document(
              "$in", Arrays.asList(operand(r, field), operand(r, field), operand(r, field)));
      case 4 -> new Document(r.nextBoolean() ? "$gt" : "$gte", operand(r, field));
      case 5 -> new Document(r.nextBoolean() ? "$lt" : "$lte", operand(r, field));
      case 6 -> {
        Object low = operand(r, field);
        Object high = operand(r, field);
        yield new Document("$gte", low).append("$lt", high);
      }
      case 7 -> new Document("$ne", operand(r, field));
      case 8 -> new Document("$exists", r.nextBoolean());
      default -> new Document("$eq", operand(r, field)).append("$ne", operand(r, field));
    };
  }

  private static Document update(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> new Document("$set", new Document("a", value(r, 2)));
      case 1 -> new Document("$unset", new Document("b", ""));
      case 2 -> new Document("$set", new Document("c.d", scalar(r)).append("t", date(r)));
      case 3 -> new Document("$push", new Document("arr", scalar(r)));
      default -> new Document("$set", new Document("b", value(r, 1)));
    };
  }

  private static Document sort(Random r) {
    return switch (r.nextInt(5)) {
      case 0 -> new Document("a", 1);
      case 1 -> new Document("t", -1).append("_id", 1);
      case 2 -> new Document("b", 1).append("a", -1);
      // One date key: read in index order when a range of dates on t meets (b, t) or (t).
      case 3 -> new Document("t", r.nextBoolean() ? 1 : -1);
      default -> null;
    };
  }
}
