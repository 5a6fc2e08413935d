package id.aduan.testsupport;

import de.bwaldvogel.mongo.MongoServer;
import id.aduan.mongo.IndexingMemoryBackend;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One MongoDB wire-protocol server per test JVM (mongo-java-server, in memory), bound to a free
 * loopback port. Each caller gets its own database so that test classes do not see each other's
 * data. It uses the indexes the services declare, as the local platform does (embedded-mongo, ADR
 * 0036); the memory backend keeps insertion order for unsorted reads, as before.
 */
public final class InJvmMongo {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static MongoServer server;
  private static InetSocketAddress address;

  private InJvmMongo() {}

  public static synchronized String start() {
    if (server == null) {
      server = new MongoServer(new IndexingMemoryBackend());
      server.bind(new InetSocketAddress("127.0.0.1", 0));
      address = server.getLocalAddress();
      Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow, "in-jvm-mongo-stop"));
    }
    return "mongodb://127.0.0.1:" + address.getPort();
  }

  /** A connection string to a database no other caller has used. */
  public static String freshDatabaseUri(String prefix) {
    return start() + "/" + prefix + "-" + DATABASES.incrementAndGet();
  }
}
