package id.aduan.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data file written by the stock H2 backend (the local platform before this module) opens with
 * the indexing backend, whose indexes are rebuilt from the documents and kept through writes and
 * restarts; and the file stays readable by the stock backend.
 */
class DataFileCompatibilityTest {

  @TempDir Path dir;

  @Test
  void theFileIsOpenedWithALargerPageCacheAndLessEagerCompactionThanMvStoresDefaults() {
    IndexingH2Backend backend = new IndexingH2Backend(dir.resolve("cache.mv").toString());
    try {
      // MVStore's default is 16 MB: most document reads of a platform's store missed it (ADR 0056).
      assertThat(backend.getMvStore().getCacheSize()).isEqualTo(IndexingH2Backend.CACHE_MB);
      assertThat(IndexingH2Backend.CACHE_MB).isGreaterThanOrEqualTo(128);
      // MVStore's default, 90, kept its housekeeping rewriting chunks after every commit.
      // (MVStore's configuration string gives numbers in hexadecimal.)
      assertThat(IndexingH2Backend.builder("x").toString())
          .contains(
              "autoCompactFillRate:"
                  + Integer.toHexString(IndexingH2Backend.AUTO_COMPACT_FILL_RATE));
      assertThat(IndexingH2Backend.AUTO_COMPACT_FILL_RATE).isLessThanOrEqualTo(50);
    } finally {
      backend.close();
    }
  }

  @Test
  void aFileOfTheStockBackendOpensIndexedAndStaysReadableByIt() {
    String file = dir.resolve("aduan.mv").toString();
    Document bdgReceived = new Document("agencyCode", "BDG").append("status", "RECEIVED");

    with(
        new H2Backend(file),
        cases -> {
          cases.createIndex(new Document("agencyCode", 1).append("status", 1));
          List<Document> docs = new ArrayList<>();
          for (int i = 0; i < 300; i++) {
            docs.add(
                new Document("_id", "case-" + i)
                    .append("agencyCode", i % 3 == 0 ? "BDG" : "BTN")
                    .append("status", i % 2 == 0 ? "RECEIVED" : "VERIFIED"));
          }
          cases.insertMany(docs);
        });

    IndexingH2Backend indexed = new IndexingH2Backend(file);
    with(
        indexed,
        cases -> {
          assertThat(found(cases, bdgReceived)).isEqualTo(50);
          assertThat(Lookups.of(indexed, "aduan", "cases").get("agencyCode_1_status_1"))
              .as("rebuilt at open and used")
              .isEqualTo(1);
          cases.updateMany(Filters.eq("agencyCode", "BTN"), Updates.set("status", "RECEIVED"));
          cases.deleteMany(Filters.in("_id", "case-0", "case-6"));
          // The services declare their indexes at every start: nothing changes.
          cases.createIndex(new Document("agencyCode", 1).append("status", 1));
          assertThat(found(cases, bdgReceived)).isEqualTo(48);
        });

    IndexingH2Backend reopened = new IndexingH2Backend(file);
    with(
        reopened,
        cases -> {
          assertThat(found(cases, bdgReceived)).isEqualTo(48);
          assertThat(found(cases, new Document("agencyCode", "BTN").append("status", "RECEIVED")))
              .isEqualTo(200);
          assertThat(Lookups.of(reopened, "aduan", "cases").get("agencyCode_1_status_1"))
              .isEqualTo(2);
        });

    with(new H2Backend(file), cases -> assertThat(found(cases, bdgReceived)).isEqualTo(48));
  }

  /** With find: counting goes through the aggregation pipeline, which always scans (ADR 0036). */
  private static int found(MongoCollection<Document> cases, Document filter) {
    return cases.find(filter).into(new ArrayList<>()).size();
  }

  /** {@code use} gets the collection {@code aduan.cases} of a server on {@code backend}. */
  static void with(MongoBackend backend, Consumer<MongoCollection<Document>> use) {
    MongoServer server = new MongoServer(backend);
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    try (MongoClient client =
        MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
      use.accept(client.getDatabase("aduan").getCollection("cases"));
    } finally {
      server.shutdown();
    }
  }
}
