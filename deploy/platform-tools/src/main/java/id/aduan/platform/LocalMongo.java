package id.aduan.platform;

import de.bwaldvogel.mongo.MongoServer;
import id.aduan.mongo.IndexingH2Backend;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The MongoDB wire-protocol server of the local platform (mongo-java-server, H2 file backend), for
 * machines where no {@code mongod} can be installed. Data lives in one file and survives a restart:
 * the server is shut down (and H2 closes its file) on SIGTERM, and every acknowledged write is
 * already in the file, so a SIGKILL loses nothing acknowledged either (ADR 0042). The indexes the
 * services declare are used (embedded-mongo, ADR 0036); they are rebuilt from the documents at
 * every start.
 *
 * <p>Arguments: {@code <host> <port> <data file> <oplog true|false>}.
 */
public final class LocalMongo {

  private static final Logger log = LoggerFactory.getLogger(LocalMongo.class);

  private LocalMongo() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println("usage: LocalMongo <host> <port> <data file> <oplog true|false>");
      System.exit(2);
    }
    MongoServer server =
        start(args[0], Integer.parseInt(args[1]), Path.of(args[2]), "true".equals(args[3]));
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("shutting down; closing the data file");
                  server.shutdown();
                  stopped.countDown();
                },
                "local-mongo-stop"));
    stopped.await();
  }

  /** Starts a server on {@code host:port} backed by {@code dataFile}; port 0 picks a free one. */
  public static MongoServer start(String host, int port, Path dataFile, boolean oplog)
      throws Exception {
    Files.createDirectories(dataFile.toAbsolutePath().getParent());
    MongoServer server = new MongoServer(new IndexingH2Backend(dataFile.toString()));
    if (oplog) {
      // Change streams need it; it costs write throughput on the H2 backend.
      server.enableOplog();
    }
    server.bind(new InetSocketAddress(host, port));
    log.info(
        "MongoDB wire protocol on {} (data {}, oplog {})",
        server.getLocalAddress(),
        dataFile,
        oplog ? "on" : "off");
    return server;
  }
}
