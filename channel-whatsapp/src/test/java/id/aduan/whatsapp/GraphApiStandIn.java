package id.aduan.whatsapp;

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
 * A local HTTP server standing in for the Graph API's send endpoint. It records every request and
 * answers as Meta does with a new {@code wamid}, except for bodies containing a text the test asked
 * to fail: those get HTTP 500 the given number of times first.
 */
final class GraphApiStandIn implements AutoCloseable {

  record Request(String path, String authorization, String body) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  GraphApiStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          String body =
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
          requests.add(
              new Request(
                  exchange.getRequestURI().getPath(),
                  exchange.getRequestHeaders().getFirst("Authorization"),
                  body));
          boolean fail =
              failures.entrySet().stream()
                  .anyMatch(f -> body.contains(f.getKey()) && f.getValue().getAndDecrement() > 0);
          byte[] answer =
              fail
                  ? "{\"error\":{\"message\":\"Service temporarily unavailable\",\"code\":2}}"
                      .getBytes(StandardCharsets.UTF_8)
                  : ("{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.OUT"
                          + ids.incrementAndGet()
                          + "\"}]}")
                      .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(fail ? 500 : 200, answer.length);
          exchange.getResponseBody().write(answer);
          exchange.close();
        });
    server.start();
  }

  /** The next {@code times} requests whose body contains {@code marker} get HTTP 500. */
  void failNext(String marker, int times) {
    failures.put(marker, new AtomicInteger(times));
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v23.0";
  }

  List<Request> requestsContaining(String text) {
    return requests.stream().filter(r -> r.body().contains(text)).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
