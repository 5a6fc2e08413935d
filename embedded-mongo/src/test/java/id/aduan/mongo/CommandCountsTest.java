package id.aduan.mongo;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Updates;
import de.bwaldvogel.mongo.MongoServer;
import java.net.InetSocketAddress;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The H2 backend counts the commands a client sends, per database and command, and reports them in
 * {@code serverStatus} as MongoDB does ({@code opcounters}) and per database ({@code
 * aduanCommands}): what the end-to-end benchmark reads for store operations per complaint.
 */
class CommandCountsTest {

  @Test
  void serverStatusCountsEachCommandPerDatabaseAndInMongoDbsOpcounters() {
    MongoServer server = new MongoServer(IndexingH2Backend.inMemory());
    InetSocketAddress address = server.bind();
    try (MongoClient client =
        MongoClients.create(
            "mongodb://"
                + address.getHostString()
                + ":"
                + address.getPort()
                + "/?retryWrites=false")) {
      Document before = status(client);
      MongoCollection<Document> cases = client.getDatabase("aduan-cases").getCollection("cases");
      cases.insertMany(List.of(new Document("_id", "a"), new Document("_id", "b")));
      cases.insertOne(new Document("_id", "c"));
      cases.find(Filters.eq("_id", "a")).first();
      cases.updateOne(Filters.eq("_id", "a"), Updates.set("state", "OPEN"));
      cases.deleteOne(Filters.eq("_id", "b"));
      client.getDatabase("aduan-sla").getCollection("clocks").find().first();
      Document after = status(client);

      Document perDatabase = after.get("aduanCommands", Document.class);
      Document caseCommands = perDatabase.get("aduan-cases", Document.class);
      assertThat(caseCommands.get("insert", Number.class).longValue())
          .as("one command for insertMany, one for insertOne")
          .isEqualTo(2);
      assertThat(caseCommands.get("find", Number.class).longValue()).isEqualTo(1);
      assertThat(caseCommands.get("update", Number.class).longValue()).isEqualTo(1);
      assertThat(caseCommands.get("delete", Number.class).longValue()).isEqualTo(1);
      assertThat(perDatabase.get("aduan-sla", Document.class).get("find", Number.class).longValue())
          .isEqualTo(1);

      Document ops = after.get("opcounters", Document.class);
      Document opsBefore = before.get("opcounters", Document.class);
      assertThat(delta(ops, opsBefore, "insert")).isEqualTo(2);
      assertThat(delta(ops, opsBefore, "query")).isEqualTo(2);
      assertThat(delta(ops, opsBefore, "update")).isEqualTo(1);
      assertThat(delta(ops, opsBefore, "delete")).isEqualTo(1);
      assertThat(delta(ops, opsBefore, "command"))
          .as("the second serverStatus itself")
          .isGreaterThanOrEqualTo(1);
    } finally {
      server.shutdownNow();
    }
  }

  private static Document status(MongoClient client) {
    return client.getDatabase("admin").runCommand(new Document("serverStatus", 1));
  }

  private static long delta(Document after, Document before, String kind) {
    return after.get(kind, Number.class).longValue() - before.get(kind, Number.class).longValue();
  }
}
