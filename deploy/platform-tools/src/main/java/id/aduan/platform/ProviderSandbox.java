package id.aduan.platform;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for the providers' send APIs on the local platform, which has no internet: the Graph
 * API's {@code POST /<version>/<account id>/messages} (WhatsApp Cloud API and Messenger) answers as
 * Meta does, with a new message id. Every request is kept, so a newcomer can see what the platform
 * would have sent: {@code GET /sandbox/requests} lists them, newest last, and they are appended to
 * {@code requests.jsonl} in the data directory.
 *
 * <p>Arguments: {@code <host> <port> <data directory>}.
 */
public final class ProviderSandbox implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ProviderSandbox.class);
  private static final Pattern SEND = Pattern.compile("^/graph/v[0-9.]+/[^/]+/messages$");
  private static final int KEPT = 500;

  private final HttpServer server;
  private final Path journal;
  private final Clock clock;
  private final Deque<String> recent = new ArrayDeque<>();
  private final AtomicLong ids = new AtomicLong();

  public ProviderSandbox(String host, int port, Path dataDir, Clock clock) throws IOException {
    Files.createDirectories(dataDir);
    this.journal = dataDir.resolve("requests.jsonl");
    this.clock = clock;
    this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      System.err.println("usage: ProviderSandbox <host> <port> <data directory>");
      System.exit(2);
    }
    ProviderSandbox sandbox =
        new ProviderSandbox(
            args[0], Integer.parseInt(args[1]), Path.of(args[2]), Clock.systemUTC());
    log.info("provider sandbox on {}", sandbox.baseUrl());
    Runtime.getRuntime().addShutdownHook(new Thread(sandbox::close, "sandbox-stop"));
  }

  public String baseUrl() {
    return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
  }

  /** The requests kept so far, oldest first, as JSON objects. */
  public synchronized List<String> requests() {
    return List.copyOf(recent);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (method.equals("GET") && path.equals("/sandbox/requests")) {
        respond(exchange, 200, "[" + String.join(",", requests()) + "]");
        return;
      }
      if (method.equals("GET") && path.equals("/health")) {
        respond(exchange, 200, "{\"status\":\"UP\"}");
        return;
      }
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      long id = ids.incrementAndGet();
      keep(
          "{\"at\":\"%s\",\"method\":\"%s\",\"path\":%s,\"body\":%s}"
              .formatted(clock.instant(), method, quote(path), quote(body)));
      if (method.equals("POST") && SEND.matcher(path).matches()) {
        // Both shapes at once: WhatsApp reads messages[0].id, Messenger reads message_id.
        respond(
            exchange,
            200,
            "{\"messaging_product\":\"whatsapp\",\"messages\":[{\"id\":\"wamid.SANDBOX-%d\"}],\"message_id\":\"m_SANDBOX-%d\"}"
                .formatted(id, id));
      } else {
        respond(
            exchange,
            404,
            "{\"error\":{\"message\":\"the sandbox does not stand in for %s %s\"}}"
                .formatted(method, path.replace("\"", "")));
      }
    }
  }

  private synchronized void keep(String json) throws IOException {
    recent.addLast(json);
    if (recent.size() > KEPT) {
      recent.removeFirst();
    }
    Files.writeString(journal, json + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static void respond(HttpExchange exchange, int status, String json) throws IOException {
    byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  /** A JSON string literal. */
  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append("\\u%04x".formatted((int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
