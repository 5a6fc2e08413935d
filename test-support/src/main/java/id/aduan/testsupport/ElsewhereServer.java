package id.aduan.testsupport;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server on another loopback address ({@code 127.0.0.2}) than the provider stand-ins
 * ({@code 127.0.0.1}): a host that is not a provider's, as an internal service would be. It counts
 * the requests it gets and answers each with a few bytes, so a test can prove a URL naming it was
 * never fetched.
 */
public final class ElsewhereServer implements AutoCloseable {

  private final HttpServer server;
  private final AtomicInteger hits = new AtomicInteger();

  public ElsewhereServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.2", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext(
        "/",
        exchange -> {
          hits.incrementAndGet();
          byte[] body = "INTERNAL".getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    server.start();
  }

  /** An http URL on this server. */
  public String url(String path) {
    return "http://127.0.0.2:" + server.getAddress().getPort() + path;
  }

  /** How many requests reached it. */
  public int hits() {
    return hits.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
