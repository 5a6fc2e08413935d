package id.aduan.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.AbstractMongoBackend;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Sorted, limited queries read in index order ({@link IndexingH2Collection}, ADR 0056) answer as
 * the stock H2 server, which reads every candidate and sorts: generated documents whose sort field
 * holds dates, other types, null or nothing; queries with equalities and {@code $in} on the leading
 * keys (a multikey one among them, as the duplicate check's keys), a range of dates, sorts both
 * ways, skips and limits; with writes in between.
 */
class OrderedReadTest {

  private static final Instant T0 = Instant.parse("2026-03-01T00:00:00Z");

  private final List<MongoServer> servers = new ArrayList<>();
  private final List<MongoClient> clients = new ArrayList<>();

  @AfterEach
  void stop() {
    clients.forEach(MongoClient::close);
    servers.forEach(MongoServer::shutdownNow);
  }

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3, 4})
  void aSortedLimitedQueryReadInIndexOrderAnswersAsTheStockServer(long seed) {
    MongoCollection<Document> stock = collection(H2Backend.inMemory());
    IndexingH2Backend indexed = IndexingH2Backend.inMemory();
    MongoCollection<Document> ordered = collection(indexed);
    Random r = new Random(seed);
    int id = 0;
    int compared = 0;
    for (int round = 0; round < 4; round++) {
      List<Document> batch = new ArrayList<>();
      for (int i = 0; i < 150; i++) {
        batch.add(document(r, id++));
      }
      stock.insertMany(batch.stream().map(Document::new).toList());
      ordered.insertMany(batch.stream().map(Document::new).toList());
      Document bump = new Document("$set", new Document("t", T0.plusSeconds(600L * r.nextInt(30))));
      Document some = new Document("g", "g" + r.nextInt(3));
      stock.updateMany(some, bump);
      ordered.updateMany(some, bump);
      Document gone = new Document("e", r.nextInt(10));
      stock.deleteMany(gone);
      ordered.deleteMany(gone);
      for (int q = 0; q < 150; q++) {
        Document filter = filter(r);
        Document sort = new Document("t", r.nextBoolean() ? 1 : -1);
        int skip = r.nextInt(4) == 0 ? r.nextInt(3) : 0;
        int limit = 1 + r.nextInt(20);
        List<Document> expected = run(stock, filter, sort, skip, limit);
        assertThat(run(ordered, filter, sort, skip, limit))
            .as(
                "seed %d round %d %s sort %s skip %d limit %d",
                seed, round, filter, sort, skip, limit)
            .isEqualTo(expected);
        compared++;
      }
    }
    assertThat(compared).isEqualTo(4 * 150);
    assertThat(orderedReads(indexed)).as("queries read in index order").isGreaterThan(100);
  }

  private static Document document(Random r, int id) {
    Document d = new Document("_id", id % 3 == 0 ? "id-" + id : id);
    d.put("g", "g" + r.nextInt(3));
    d.put("k", List.of("k" + r.nextInt(6), "k" + r.nextInt(6)));
    d.put("e", r.nextInt(10));
    switch (r.nextInt(10)) {
      case 0 -> d.put("t", null);
      case 1 -> d.put("t", "s" + r.nextInt(3));
      case 2 -> d.put("t", r.nextInt(5));
      case 3 -> {
        // no t
      }
      // Many equal times: the order among equals is the natural order.
      default -> d.put("t", T0.plusSeconds(600L * r.nextInt(30)));
    }
    return d;
  }

  private static Document filter(Random r) {
    Document filter = new Document();
    if (r.nextInt(4) != 0) {
      filter.put(
          "g",
          r.nextBoolean()
              ? "g" + r.nextInt(3)
              : new Document("$in", List.of("g" + r.nextInt(3), "g" + r.nextInt(3))));
    }
    if (filter.containsKey("g") && r.nextBoolean()) {
      filter.put(
          "k", new Document("$in", Arrays.asList("k" + r.nextInt(6), "k" + r.nextInt(6), null)));
    }
    Instant low = T0.plusSeconds(600L * r.nextInt(30));
    filter.put(
        "t",
        switch (r.nextInt(4)) {
          case 0 -> new Document("$gte", low);
          case 1 -> new Document("$gt", low);
          case 2 -> new Document("$lte", low);
          default -> new Document("$gte", low).append("$lt", low.plusSeconds(6000));
        });
    if (r.nextInt(4) == 0) {
      filter.put("e", new Document("$ne", r.nextInt(10)));
    }
    return filter;
  }

  private MongoCollection<Document> collection(MongoBackend backend) {
    MongoServer server = new MongoServer(backend);
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    servers.add(server);
    MongoClient client =
        MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort());
    clients.add(client);
    MongoCollection<Document> c = client.getDatabase("ordered").getCollection("docs");
    c.createIndex(new Document("g", 1).append("k", 1).append("t", -1));
    c.createIndex(new Document("g", 1).append("t", -1));
    c.createIndex(new Document("t", 1));
    return c;
  }

  private static List<Document> run(
      MongoCollection<Document> c, Document filter, Document sort, int skip, int limit) {
    return c.find(filter).sort(sort).skip(skip).limit(limit).into(new ArrayList<>());
  }

  private static long orderedReads(MongoBackend backend) {
    long n = 0;
    for (Object index :
        ((AbstractMongoBackend) backend)
            .resolveDatabase("ordered")
            .resolveCollection("docs", true)
            .getIndexes()) {
      if (index instanceof SecondaryIndex<?> s) {
        n += s.orderedReads();
      }
    }
    return n;
  }
}
