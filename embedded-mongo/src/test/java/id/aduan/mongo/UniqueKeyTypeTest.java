package id.aduan.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.KeyValue;
import de.bwaldvogel.mongo.bson.ObjectId;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.bson.Document;
import org.h2.mvstore.type.ObjectDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The unique indexes' key type orders keys exactly as H2's own type (the file's B-trees stay the
 * stock backend's) while serializing each key object once; the indexing backend's unique indexes
 * use it.
 */
class UniqueKeyTypeTest {

  @TempDir Path dir;

  @Test
  void ordersKeysAsH2sOwnTypeDoes() {
    Random r = new Random(56);
    List<KeyValue> keys = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      keys.add(r.nextInt(4) == 0 ? new KeyValue(value(r), value(r)) : new KeyValue(value(r)));
    }
    UniqueKeyType fast = new UniqueKeyType();
    ObjectDataType stock = new ObjectDataType();
    for (int round = 0; round < 2; round++) {
      for (KeyValue a : keys) {
        for (KeyValue b : keys) {
          assertThat(Integer.signum(fast.compare(a, b)))
              .as("%s against %s", a, b)
              .isEqualTo(Integer.signum(stock.compare(a, b)));
        }
      }
    }
    assertThat(fast.serialized()).as("each key serialized once").isEqualTo(keys.size());
  }

  @Test
  void theIndexingBackendsUniqueIndexesUseIt() {
    IndexingH2Backend backend = new IndexingH2Backend(dir.resolve("keys.mv").toString());
    MongoServer server = new MongoServer(backend);
    server.bind(new InetSocketAddress("127.0.0.1", 0));
    try (MongoClient client =
        MongoClients.create("mongodb://127.0.0.1:" + server.getLocalAddress().getPort())) {
      MongoCollection<Document> c = client.getDatabase("aduan").getCollection("cases");
      for (int i = 0; i < 200; i++) {
        c.insertOne(new Document("_id", "case-" + i).append("n", i));
      }
      for (int i = 0; i < 200; i++) {
        assertThat(c.find(new Document("_id", "case-" + i)).first()).isNotNull();
      }
      assertThat(backend.getMvStore().openMap("aduan.cases._index__id_").getKeyType())
          .isInstanceOf(UniqueKeyType.class);
    } finally {
      server.shutdownNow();
    }
  }

  private static Object value(Random r) {
    return switch (r.nextInt(7)) {
      case 0 -> "s" + r.nextInt(50);
      case 1 -> r.nextInt(50);
      case 2 -> (long) r.nextInt(50);
      case 3 -> new ObjectId();
      case 4 -> new UUID(r.nextLong(), r.nextLong());
      case 5 -> Instant.ofEpochSecond(r.nextInt(1000));
      default -> "case-" + r.nextInt(1000) + "-s" + r.nextInt(9);
    };
  }
}
