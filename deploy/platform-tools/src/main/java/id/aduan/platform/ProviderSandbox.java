package id.aduan.platform;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * <p>It also stands in for the Graph API's media: {@code POST /<version>/<phone-number-id>/media}
 * (multipart upload, answered with a media id), {@code GET /<version>/<media-id>} (metadata with a
 * download {@code url}, {@code mime_type}, {@code sha256}, {@code file_size}) and that URL, which
 * returns the bytes. Both GETs want a bearer token, as Meta's do (401 without). To try an inbound
 * photo locally, put a file first: {@code curl -X PUT --data-binary @foto.jpg -H 'Content-Type:
 * image/jpeg' http://127.0.0.1:8089/sandbox/media/<media-id>} answers its sha256; then send a
 * signed webhook naming that media id. Media are kept in {@code media/} in the data directory.
 *
 * <p>Faults, for the reliability suite (docs/reliability.md): {@code POST
 * /sandbox/faults?mode=slow&millis=2000} answers every Graph API call that late, {@code mode=flaky}
 * answers every second one {@code 500} (and does not keep it: Meta did not take it), {@code
 * mode=down&seconds=60} answers {@code 503} to every Graph API call for that long, {@code
 * mode=none} ends any of them. {@code GET /sandbox/faults} tells the mode and how many calls were
 * refused. The control paths and {@code /health} never fail.
 *
 * <p>Arguments: {@code <host> <port> <data directory>}.
 */
public final class ProviderSandbox implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ProviderSandbox.class);
  private static final Pattern SEND = Pattern.compile("^/graph/v[0-9.]+/[^/]+/messages$");
  private static final Pattern UPLOAD = Pattern.compile("^/graph/v[0-9.]+/[^/]+/media$");
  private static final Pattern MEDIA_INFO = Pattern.compile("^/graph/v[0-9.]+/([A-Za-z0-9._-]+)$");
  private static final Pattern MEDIA_FILE =
      Pattern.compile("^/graph/media-files/([A-Za-z0-9._-]+)$");
  private static final Pattern PUT_MEDIA = Pattern.compile("^/sandbox/media/([A-Za-z0-9._-]+)$");
  private static final int KEPT = 500;

  private final HttpServer server;
  private final Path journal;
  private final Path media;
  private final Clock clock;
  private final Deque<String> recent = new ArrayDeque<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();
  private final AtomicLong faultCalls = new AtomicLong();
  private volatile Fault fault = new Fault("none", 0, null);

  /** The fault mode: {@code none}, {@code slow} (millis), {@code flaky}, {@code down} (until). */
  private record Fault(String mode, long millis, java.time.Instant until) {}

  public ProviderSandbox(String host, int port, Path dataDir, Clock clock) throws IOException {
    Files.createDirectories(dataDir);
    this.journal = dataDir.resolve("requests.jsonl");
    this.media = Files.createDirectories(dataDir.resolve("media"));
    this.clock = clock;
    this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
    server.createContext("/", this::handle);
    // One thread per call: a slowed call (fault mode slow) must not hold up the others.
    server.setExecutor(java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor());
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
        String query = exchange.getRequestURI().getRawQuery();
        // ?all=true: every request of the journal, not only the last ones kept in memory.
        List<String> listed =
            query != null && query.contains("all=true") ? journalLines() : requests();
        respond(exchange, 200, "[" + String.join(",", listed) + "]");
        return;
      }
      if (method.equals("GET") && path.equals("/health")) {
        respond(exchange, 200, "{\"status\":\"UP\"}");
        return;
      }
      if (path.equals("/sandbox/faults")) {
        faults(exchange, method);
        return;
      }
      if (path.startsWith("/graph/") && injectFault(exchange)) {
        return;
      }
      if (method.equals("GET") && handleMedia(exchange, path)) {
        return;
      }
      byte[] raw = exchange.getRequestBody().readAllBytes();
      boolean binary = UPLOAD.matcher(path).matches() || PUT_MEDIA.matcher(path).matches();
      String body = binary ? "(" + raw.length + " bytes)" : new String(raw, StandardCharsets.UTF_8);
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
      } else if (method.equals("POST") && UPLOAD.matcher(path).matches()) {
        upload(exchange, raw, "SANDBOX-MEDIA-" + id);
      } else if (method.equals("PUT") && PUT_MEDIA.matcher(path).matches()) {
        var m = PUT_MEDIA.matcher(path);
        m.matches();
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        String sha = putMedia(m.group(1), raw, type == null ? "application/octet-stream" : type);
        respond(exchange, 200, "{\"id\":%s,\"sha256\":\"%s\"}".formatted(quote(m.group(1)), sha));
      } else {
        respond(
            exchange,
            404,
            "{\"error\":{\"message\":\"the sandbox does not stand in for %s %s\"}}"
                .formatted(method, path.replace("\"", "")));
      }
    }
  }

  private synchronized List<String> journalLines() throws IOException {
    return Files.exists(journal)
        ? Files.readAllLines(journal, StandardCharsets.UTF_8).stream()
            .filter(l -> !l.isBlank())
            .toList()
        : List.of();
  }

  private void faults(HttpExchange exchange, String method) throws IOException {
    if (method.equals("POST")) {
      Map<String, String> q = new HashMap<>();
      String query = exchange.getRequestURI().getRawQuery();
      for (String pair : query == null ? new String[0] : query.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          q.put(pair.substring(0, eq), pair.substring(eq + 1));
        }
      }
      String mode = q.getOrDefault("mode", "");
      try {
        fault =
            switch (mode) {
              case "none" -> new Fault("none", 0, null);
              case "slow" ->
                  new Fault("slow", Long.parseLong(q.getOrDefault("millis", "2000")), null);
              case "flaky" -> new Fault("flaky", 0, null);
              case "down" ->
                  new Fault(
                      "down",
                      0,
                      clock.instant().plusSeconds(Long.parseLong(q.getOrDefault("seconds", "60"))));
              default -> throw new IllegalArgumentException("mode none, slow, flaky or down");
            };
      } catch (IllegalArgumentException e) {
        respond(exchange, 400, "{\"error\":{\"message\":%s}}".formatted(quote(e.getMessage())));
        return;
      }
      log.info("fault mode {}", fault);
    }
    Fault now = fault;
    respond(
        exchange,
        200,
        "{\"mode\":%s,\"millis\":%d,\"until\":%s,\"refused\":%d}"
            .formatted(
                quote(now.mode()),
                now.millis(),
                now.until() == null ? "null" : quote(now.until().toString()),
                refused.get()));
  }

  /** Applies the fault mode to a Graph API call; true when it was answered with a failure. */
  private boolean injectFault(HttpExchange exchange) throws IOException {
    Fault now = fault;
    switch (now.mode()) {
      case "slow" -> {
        try {
          Thread.sleep(now.millis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return false;
      }
      case "flaky" -> {
        if (faultCalls.incrementAndGet() % 2 == 0) {
          refused.incrementAndGet();
          respond(
              exchange,
              500,
              "{\"error\":{\"message\":\"An unexpected error has occurred.\",\"code\":2,\"is_transient\":true}}");
          return true;
        }
        return false;
      }
      case "down" -> {
        if (now.until() != null && clock.instant().isBefore(now.until())) {
          refused.incrementAndGet();
          respond(
              exchange,
              503,
              "{\"error\":{\"message\":\"Service temporarily unavailable\",\"code\":2,\"is_transient\":true}}");
          return true;
        }
        return false;
      }
      default -> {
        return false;
      }
    }
  }

  /** The two GETs of Meta's media download; false when the path is neither. */
  private boolean handleMedia(HttpExchange exchange, String path) throws IOException {
    var info = MEDIA_INFO.matcher(path);
    var file = MEDIA_FILE.matcher(path);
    String mediaId;
    if (info.matches()) {
      mediaId = info.group(1);
    } else if (file.matches()) {
      mediaId = file.group(1);
    } else {
      return false;
    }
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.startsWith("Bearer ") || auth.length() <= 7) {
      respond(
          exchange,
          401,
          "{\"error\":{\"message\":\"Invalid OAuth access token.\",\"type\":\"OAuthException\",\"code\":190}}");
      return true;
    }
    Path bytes = media.resolve(mediaId + ".bin");
    if (!Files.exists(bytes)) {
      respond(
          exchange,
          404,
          "{\"error\":{\"message\":\"Unsupported get request: media %s\",\"code\":100}}"
              .formatted(mediaId));
      return true;
    }
    byte[] content = Files.readAllBytes(bytes);
    String type = Files.readString(media.resolve(mediaId + ".type")).strip();
    if (info.matches()) {
      respond(
          exchange,
          200,
          ("{\"messaging_product\":\"whatsapp\",\"url\":%s,\"mime_type\":%s,\"sha256\":\"%s\","
                  + "\"file_size\":%d,\"id\":%s}")
              .formatted(
                  quote(baseUrl() + "/graph/media-files/" + mediaId),
                  quote(type),
                  sha256(content),
                  content.length,
                  quote(mediaId)));
    } else {
      exchange.getResponseHeaders().add("Content-Type", type);
      exchange.sendResponseHeaders(200, content.length == 0 ? -1 : content.length);
      exchange.getResponseBody().write(content);
    }
    return true;
  }

  /**
   * Meta's upload: a multipart form with {@code messaging_product}, {@code type} and {@code file}.
   */
  private void upload(HttpExchange exchange, byte[] raw, String mediaId) throws IOException {
    String contentType = String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type"));
    int at = contentType.indexOf("boundary=");
    if (!contentType.startsWith("multipart/form-data") || at < 0) {
      respond(
          exchange, 400, "{\"error\":{\"message\":\"expected multipart/form-data\",\"code\":100}}");
      return;
    }
    String boundary = contentType.substring(at + 9).replace("\"", "").split(";")[0].strip();
    Multipart.Part file = Multipart.parse(raw, boundary).get("file");
    if (file == null) {
      respond(exchange, 400, "{\"error\":{\"message\":\"the form has no file\",\"code\":100}}");
      return;
    }
    putMedia(mediaId, file.bytes(), file.contentType());
    respond(exchange, 200, "{\"id\":\"%s\"}".formatted(mediaId));
  }

  private String putMedia(String mediaId, byte[] bytes, String type) throws IOException {
    Files.write(media.resolve(mediaId + ".bin"), bytes);
    Files.writeString(media.resolve(mediaId + ".type"), type);
    return sha256(bytes);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Just enough of multipart/form-data for the Graph API's upload form. */
  static final class Multipart {
    record Part(String name, String contentType, byte[] bytes) {}

    static Map<String, Part> parse(byte[] body, String boundary) {
      byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
      Map<String, Part> parts = new HashMap<>();
      int start = indexOf(body, delimiter, 0);
      while (start >= 0) {
        int headersStart = start + delimiter.length + 2;
        int next = indexOf(body, delimiter, headersStart);
        if (next < 0 || headersStart >= body.length) {
          break;
        }
        int headersEnd =
            indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
        if (headersEnd < 0 || headersEnd > next) {
          break;
        }
        String headers =
            new String(body, headersStart, headersEnd - headersStart, StandardCharsets.ISO_8859_1);
        String name = null;
        String type = "application/octet-stream";
        for (String line : headers.split("\r\n")) {
          String lower = line.toLowerCase(Locale.ROOT);
          if (lower.startsWith("content-disposition:")) {
            var m = Pattern.compile("name=\"([^\"]*)\"").matcher(line);
            if (m.find()) {
              name = m.group(1);
            }
          } else if (lower.startsWith("content-type:")) {
            type = line.substring(13).strip();
          }
        }
        int contentEnd = next - 2; // the CRLF before the delimiter
        if (name != null) {
          parts.put(
              name, new Part(name, type, Arrays.copyOfRange(body, headersEnd + 4, contentEnd)));
        }
        start = next;
      }
      return parts;
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
      outer:
      for (int i = Math.max(0, from); i <= haystack.length - needle.length; i++) {
        for (int j = 0; j < needle.length; j++) {
          if (haystack[i + j] != needle[j]) {
            continue outer;
          }
        }
        return i;
      }
      return -1;
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
