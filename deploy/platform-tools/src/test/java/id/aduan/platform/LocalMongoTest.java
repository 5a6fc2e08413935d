package id.aduan.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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

  /**
   * ADR 0042: an insert the server acknowledged is in the file even when the server process is
   * SIGKILLed right after (no shutdown hook runs). The stock backend commits in the background
   * every second, so the inserts of the last second before the kill were lost.
   */
  @Test
  void anAcknowledgedInsertSurvivesASigkillOfTheServerProcess() throws Exception {
    Path file = dir.resolve("data/aduan.mv");
    int port = freePort();
    Process server =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LocalMongo.class.getName(),
                "127.0.0.1",
                String.valueOf(port),
                file.toString(),
                "true")
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("local-mongo.log").toFile())
            .start();
    int acknowledged = 0;
    try {
      awaitListening(server, port);
      try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
        var cases = client.getDatabase("aduan-cases").getCollection("cases");
        // Longer than MVStore's background commit delay (1 s): without a commit before the
        // reply, the inserts after the last background commit are lost by the kill.
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(1_500);
        while (System.nanoTime() < until) {
          cases.insertOne(new Document("_id", "c-" + acknowledged).append("n", acknowledged));
          acknowledged++;
        }
        // The last one is acknowledged: SIGKILL at once.
        server.destroyForcibly();
        assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
      }
    } finally {
      server.destroyForcibly();
    }
    assertThat(acknowledged).isPositive();

    MongoServer restarted = LocalMongo.start("127.0.0.1", 0, file, true);
    try (MongoClient client = MongoClients.create(uri(restarted))) {
      var cases = client.getDatabase("aduan-cases").getCollection("cases");
      assertThat(cases.countDocuments()).isEqualTo(acknowledged);
      assertThat(cases.find(new Document("_id", "c-" + (acknowledged - 1))).first()).isNotNull();
    } finally {
      restarted.shutdown();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void awaitListening(Process server, int port) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < until) {
      assertThat(server.isAlive()).as("the LocalMongo child process is running").isTrue();
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
        return;
      } catch (IOException notYet) {
        Thread.sleep(100);
      }
    }
    throw new AssertionError("LocalMongo did not listen on " + port + " within 60 s");
  }

  private static String uri(MongoServer server) {
    return "mongodb://127.0.0.1:" + server.getLocalAddress().getPort();
  }
}
