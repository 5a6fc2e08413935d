package id.aduan.social;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server standing in for the Graph API: the Send API ({@code POST
 * /v23.0/<account>/messages}, answered with a new {@code message_id} and recorded) and a CDN
 * serving attachment bytes at {@code /media/<name>} (404 for names not registered).
 */
final class MetaGraphStandIn implements AutoCloseable {

  record Request(String path, String authorization, String body) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, byte[]> media = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  MetaGraphStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  String graphBaseUrl() {
    return base() + "/v23.0";
  }

  String mediaUrl(String name) {
    return base() + "/media/" + name;
  }

  void serve(String name, byte[] bytes) {
    media.put(name, bytes);
  }

  /** Sends whose body contains {@code text} fail with 500 the next {@code times} times. */
  void failNext(String text, int times) {
    failures.put(text, new AtomicInteger(times));
  }

  List<Request> requestsContaining(String text) {
    return requests.stream().filter(r -> r.body().contains(text)).toList();
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (exchange.getRequestMethod().equals("GET") && path.startsWith("/media/")) {
        byte[] bytes = media.get(path.substring("/media/".length()));
        if (bytes == null) {
          respond(exchange, 404, "text/plain", "expired".getBytes(StandardCharsets.UTF_8));
        } else {
          respond(exchange, 200, "image/jpeg", bytes);
        }
        return;
      }
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(
          new Request(
              path, String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")), body));
      for (Map.Entry<String, AtomicInteger> f : failures.entrySet()) {
        if (body.contains(f.getKey()) && f.getValue().getAndDecrement() > 0) {
          respond(
              exchange, 500, "application/json", "{\"error\":{}}".getBytes(StandardCharsets.UTF_8));
          return;
        }
      }
      String answer =
          "{\"recipient_id\":\"r\",\"message_id\":\"m_OUT-" + ids.incrementAndGet() + "\"}";
      respond(exchange, 200, "application/json", answer.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static void respond(HttpExchange exchange, int status, String type, byte[] bytes)
      throws IOException {
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
