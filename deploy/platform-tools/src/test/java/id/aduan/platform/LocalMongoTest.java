package id.aduan.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import java.nio.file.Path;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalMongoTest {

  @TempDir Path dir;

  @Test
  void whatWasWrittenBeforeAShutdownIsThereAfterTheRestart() throws Exception {
    Path file = dir.resolve("data/aduan.mv");

    MongoServer first = LocalMongo.start("127.0.0.1", 0, file, true);
    try (MongoClient client = MongoClients.create(uri(first))) {
      client
          .getDatabase("aduan-cases")
          .getCollection("cases")
          .insertOne(new Document("_id", "c-1").append("ticket", "BDG-2026-000001"));
    }
    first.shutdown();

    MongoServer second = LocalMongo.start("127.0.0.1", 0, file, true);
    try (MongoClient client = MongoClients.create(uri(second))) {
      Document found =
          client
              .getDatabase("aduan-cases")
              .getCollection("cases")
              .find(new Document("_id", "c-1"))
              .first();
      assertThat(found).isNotNull();
      assertThat(found.getString("ticket")).isEqualTo("BDG-2026-000001");
    } finally {
      second.shutdown();
    }
  }

  private static String uri(MongoServer server) {
    return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
  }
}
