package id.aduan.whatsapp;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A local HTTP server standing in for the Graph API and Twilio's REST API: it records every request
 * and answers from a script per path, else as the provider does on success (a new {@code wamid}).
 * Media metadata and files are served from what a test put in.
 */
public final class ProviderStandIn implements AutoCloseable {

  public record Request(String method, String path, String authorization, String body) {}

  public record Answer(int status, String contentType, byte[] body) {
    public static Answer json(int status, String json) {
      return new Answer(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /** A Graph API error as Meta answers it. */
    public static Answer error(int status, int code) {
      return json(
          status,
          "{\"error\":{\"message\":\"error "
              + code
              + "\",\"type\":\"OAuthException\",\"code\":"
              + code
              + ",\"fbtrace_id\":\"t\"}}");
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, ConcurrentLinkedDeque<Answer>> scripts = new ConcurrentHashMap<>();
  private final Map<String, Answer> fixed = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();

  public ProviderStandIn() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    String path = exchange.getRequestURI().getPath();
    requests.add(
        new Request(
            exchange.getRequestMethod(),
            path,
            String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
            body));
    ConcurrentLinkedDeque<Answer> script = scripts.get(path);
    Answer answer = script == null ? null : script.pollFirst();
    if (answer == null) {
      answer = fixed.get(path);
    }
    if (answer == null && path.endsWith("/Messages.json")) {
      answer =
          Answer.json(
              201, "{\"sid\":\"SM-OUT-" + ids.incrementAndGet() + "\",\"status\":\"queued\"}");
    }
    if (answer == null) {
      answer =
          path.endsWith("/messages")
              ? Answer.json(
                  200,
                  "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"x\",\"wa_id\":\"x\"}],"
                      + "\"messages\":[{\"id\":\"wamid.OUT-"
                      + ids.incrementAndGet()
                      + "\"}]}")
              : Answer.json(404, "{\"error\":{\"message\":\"not found\",\"code\":100}}");
    }
    exchange.getResponseHeaders().add("Content-Type", answer.contentType());
    exchange.sendResponseHeaders(
        answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
    if (answer.body().length > 0) {
      exchange.getResponseBody().write(answer.body());
    }
    exchange.close();
  }

  /** The next answers to requests on {@code path}, in order; after them, the fixed or default. */
  public void script(String path, Answer... answers) {
    scripts.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).addAll(List.of(answers));
  }

  /** The answer to every request on {@code path} once its script is used up. */
  public void serve(String path, Answer answer) {
    fixed.put(path, answer);
  }

  public String root() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public String baseUrl() {
    return root() + "/v23.0";
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Requests whose body mentions {@code text} (e.g. a recipient's number). */
  public List<Request> requestsMentioning(String text) {
    return requests.stream().filter(r -> r.body().contains(text)).toList();
  }

  public void reset() {
    requests.clear();
    scripts.clear();
    fixed.clear();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
