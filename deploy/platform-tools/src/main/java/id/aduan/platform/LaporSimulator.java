package id.aduan.platform;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stands in for SP4N-LAPOR!'s agency API, whose real contract is documented only inside its admin
 * portal: this server speaks the contract Aduan assumes (docs/lapor.md), so the local platform and
 * channel-lapor's tests have something real to poll. It covers what the adapter must survive:
 * paging with a cursor, slow and failing responses, the same report repeated across pages
 * (duplicates), status changes that bump a report's version, answers in JSON or XML (by Accept, or
 * forced), broken documents, and attachment files (some of them failing).
 *
 * <p>Arguments: {@code <host> <port> <token> [--seed]}; {@code --seed} adds a few demo reports.
 */
public final class LaporSimulator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LaporSimulator.class);
  private static final String API = "/api/v1";
  private static final String CONTROL = "/simulator";
  private static final int KEPT_CALLS = 500;

  private final HttpServer server;
  private final String token;
  private final Clock clock;
  private final JsonMapper json = JsonMapper.builder().build();
  private final Map<String, ObjectNode> reports = new LinkedHashMap<>();
  private final Map<String, String> agencyOf = new HashMap<>();
  private final Map<String, String> idempotent = new HashMap<>();
  private final List<String> calls = new ArrayList<>();
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicInteger failNext = new AtomicInteger();
  private volatile int failStatus = 503;
  private volatile long delayMillis;
  private volatile int pageSize = 50;
  private volatile boolean repeatAcrossPages;
  private volatile String forcedFormat;
  private final Map<String, File> files = new HashMap<>();
  private final Map<String, AtomicInteger> fileFailures = new HashMap<>();
  private final AtomicInteger brokenListings = new AtomicInteger();
  private volatile String brokenType = "application/json";
  private volatile String brokenBody = "";

  /** An attachment's bytes, served under {@code /api/v1/files/{id}}. */
  private record File(String mediaType, byte[] bytes) {}

  public LaporSimulator(String host, int port, String token, Clock clock) throws IOException {
    this.token = token;
    this.clock = clock;
    this.server = HttpServer.create(new InetSocketAddress(host, port), 0);
    // Several threads, so that a deliberately slow answer does not hold up the control endpoints.
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
  }

  public static void main(String[] args) throws Exception {
    if (args.length < 3) {
      System.err.println("usage: LaporSimulator <host> <port> <token> [--seed]");
      System.exit(2);
    }
    LaporSimulator simulator =
        new LaporSimulator(args[0], Integer.parseInt(args[1]), args[2], Clock.systemUTC());
    if (args.length > 3 && args[3].equals("--seed")) {
      simulator.seedDemoReports();
    }
    log.info("LAPOR! simulator on {}", simulator.baseUrl());
    Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "lapor-simulator-stop"));
  }

  /** The base URL to configure as {@code aduan.lapor.base-url}, API version included. */
  public String baseUrl() {
    return "http://"
        + server.getAddress().getHostString()
        + ":"
        + server.getAddress().getPort()
        + API;
  }

  // --- control, for tests and the local platform ------------------------------------------------

  /**
   * Adds a report dispositioned to {@code agencyId}. Fields the caller leaves out get defaults;
   * {@code version}, {@code created_at} and {@code updated_at} are always set by the simulator.
   *
   * @return the tracking id
   */
  public synchronized String addReport(String agencyId, String reportJson) {
    ObjectNode report = (ObjectNode) json.readTree(reportJson);
    long n = sequence.incrementAndGet();
    String trackingId =
        report.path("tracking_id").isString()
            ? report.get("tracking_id").asString()
            : "LAPOR-SIM-%06d".formatted(n);
    Instant now = clock.instant();
    report.put("tracking_id", trackingId);
    if (!report.has("transaction_id")) {
      report.put("transaction_id", "TRX-SIM-%06d".formatted(n));
    }
    report.put("version", 1);
    report.put("created_at", now.toString());
    report.put("updated_at", now.toString());
    for (String list : List.of("tags", "attachments", "dispositions", "follow_ups")) {
      if (!report.has(list)) {
        report.putArray(list);
      }
    }
    if (report.get("dispositions").isEmpty()) {
      // As LAPOR! does: the national admin verified the report and dispositioned it to the agency.
      ObjectNode disposition = ((ArrayNode) report.get("dispositions")).addObject();
      disposition.put("from", "Admin Nasional");
      disposition.put("to", agencyId);
      disposition.put("to_id", agencyId);
      disposition.put("at", now.toString());
      disposition.put("note", "");
    }
    if (!report.has("status")) {
      report.put("status", "disposisi");
    }
    reports.put(trackingId, report);
    agencyOf.put(trackingId, agencyId);
    return trackingId;
  }

  /** A change made in LAPOR! itself (by its admin or the reporter): the version goes up. */
  public synchronized void changeStatus(String trackingId, String status) {
    ObjectNode report = report(trackingId);
    report.put("status", status);
    touch(report);
  }

  /**
   * LAPOR!'s admin dispositions the report to {@code toAgencyId} (another agency, or back to the
   * same one): a disposition entry, status {@code disposisi}, version + 1. A report dispositioned
   * away is no longer listed for the agency it left.
   */
  public synchronized void disposition(String trackingId, String from, String toAgencyId) {
    ObjectNode report = report(trackingId);
    ObjectNode disposition = ((ArrayNode) report.get("dispositions")).addObject();
    disposition.put("from", from);
    disposition.put("to", toAgencyId);
    disposition.put("to_id", toAgencyId);
    disposition.put("at", clock.instant().toString());
    disposition.put("note", "");
    report.put("status", "disposisi");
    agencyOf.put(trackingId, toAgencyId);
    touch(report);
  }

  /** The reporter adds a follow-up in LAPOR! (author {@code reporter}): the version goes up. */
  public synchronized void addReporterFollowUp(String trackingId, String text) {
    ObjectNode report = report(trackingId);
    ObjectNode followUp = ((ArrayNode) report.get("follow_ups")).addObject();
    followUp.put("id", "FU-SIM-%06d".formatted(sequence.incrementAndGet()));
    followUp.put("author", "reporter");
    followUp.put("at", clock.instant().toString());
    followUp.put("text", text);
    touch(report);
  }

  /** The next {@code count} API calls fail with {@code status} (e.g. 503 or 500). */
  public void failNext(int count, int status) {
    failStatus = status;
    failNext.set(count);
  }

  /** Every API call waits this long before answering (a slow LAPOR!). */
  public void delay(long millis) {
    delayMillis = millis;
  }

  public void pageSize(int size) {
    pageSize = size;
  }

  /** When on, every page after the first starts with the last report of the page before. */
  public void repeatAcrossPages(boolean on) {
    repeatAcrossPages = on;
  }

  /**
   * Answers in this format whatever the client asks ({@code "json"} or {@code "xml"}); null: as the
   * Accept header asks (XML when it names xml, else JSON).
   */
  public void answerFormat(String format) {
    forcedFormat = format;
  }

  /**
   * Serves {@code bytes} as an attachment and returns its URL, to put in a report's {@code
   * attachments} (with the same id).
   */
  public synchronized String addFile(String fileId, String mediaType, byte[] bytes) {
    files.put(fileId, new File(mediaType, bytes.clone()));
    return baseUrl() + "/files/" + fileId;
  }

  /** The next {@code count} downloads of the file fail with 503 (a flaky file store). */
  public synchronized void failFile(String fileId, int count) {
    fileFailures.computeIfAbsent(fileId, k -> new AtomicInteger()).set(count);
  }

  /** The next {@code count} report listings answer this body instead (a broken document). */
  public void answerNextListings(int count, String contentType, String body) {
    brokenType = contentType;
    brokenBody = body;
    brokenListings.set(count);
  }

  public synchronized ObjectNode report(String trackingId) {
    ObjectNode report = reports.get(trackingId);
    if (report == null) {
      throw new IllegalArgumentException("no report " + trackingId);
    }
    return report;
  }

  /** A copy of the report as it is now, safe to read while the simulator goes on. */
  public synchronized ObjectNode snapshot(String trackingId) {
    return report(trackingId).deepCopy();
  }

  /** Every API call so far ({@code METHOD path}), oldest first, at most the last 500. */
  public synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  void seedDemoReports() {
    // A 1x1 PNG, so the local platform shows an attachment fetched into GridFS.
    byte[] png =
        java.util.Base64.getDecoder()
            .decode(
                "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==");
    String photo = addFile("demo-foto-1", "image/png", png);
    addReport(
        "LAPOR-BTN",
        """
        {"title":"Bantuan PKH belum diterima","content":"Sudah tiga bulan bantuan PKH keluarga kami belum cair.",
         "classification":"pengaduan","category":{"id":"101","name":"Bantuan Sosial"},"tags":["pkh"],
         "anonymous":false,"confidential":false,
         "reporter":{"id":"u-demo-1","name":"Warga Demo","phone":"6281200000001","email":"warga@demo.test"},
         "location":{"lat":-5.4636,"lng":122.6123,"address":"Pasarwajo, Buton"},
         "attachments":[{"id":"demo-foto-1","file_name":"kartu-pkh.png","mime_type":"image/png","size":%d,"url":"%s"}]}
        """
            .formatted(png.length, photo));
    addReport(
        "LAPOR-LBK",
        """
        {"title":"Pungutan pada penyaluran bantuan","content":"Ada pungutan saat pembagian bantuan di desa kami.",
         "classification":"pengaduan","category":{"id":"102","name":"Pungutan Liar"},"tags":[],
         "anonymous":true,"confidential":true,
         "reporter":{"id":"u-demo-2","name":"Rahasia","phone":"6281200000002"}}
        """);
  }

  // --- the API --------------------------------------------------------------------------------

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      String method = exchange.getRequestMethod();
      if (path.equals("/health")) {
        respond(exchange, 200, "{\"status\":\"UP\"}");
        return;
      }
      if (path.startsWith(CONTROL + "/")) {
        control(exchange, method, path.substring(CONTROL.length() + 1).split("/"));
        return;
      }
      if (!path.startsWith(API + "/")) {
        respond(exchange, 404, error("not part of the simulated API: " + path));
        return;
      }
      record(method + " " + path);
      String authorization = exchange.getRequestHeaders().getFirst("Authorization");
      if (!("Token " + token).equals(authorization)) {
        respond(exchange, 401, error("missing or wrong token"));
        return;
      }
      if (delayMillis > 0) {
        Thread.sleep(delayMillis);
      }
      if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        respond(exchange, failStatus, error("simulated failure"));
        return;
      }
      String[] parts = path.substring(API.length() + 1).split("/");
      byte[] body = exchange.getRequestBody().readAllBytes();
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      boolean xml = wantsXml(exchange);
      if (method.equals("GET") && parts.length == 1 && parts[0].equals("topics")) {
        answer(exchange, 200, topics(), xml, "topic");
      } else if (method.equals("GET") && parts.length == 2 && parts[0].equals("files")) {
        serveFile(exchange, parts[1]);
      } else if (method.equals("GET")
          && parts.length == 3
          && parts[0].equals("agencies")
          && parts[2].equals("reports")) {
        if (brokenListings.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          respond(exchange, 200, brokenType, brokenBody);
          return;
        }
        answer(exchange, 200, listUpdated(parts[1], query(exchange)), xml, "report");
      } else if (method.equals("GET") && parts.length == 2 && parts[0].equals("reports")) {
        if (!known(parts[1])) {
          respond(exchange, 404, error("no report " + parts[1]));
          return;
        }
        answer(exchange, 200, single(parts[1]), xml, "report");
      } else if (method.equals("POST")
          && parts.length == 3
          && parts[0].equals("reports")
          && parts[2].equals("follow-ups")) {
        postFollowUp(exchange, parts[1], request(exchange, body), key, xml);
      } else if (method.equals("POST")
          && parts.length == 3
          && parts[0].equals("reports")
          && parts[2].equals("status")) {
        postStatus(exchange, parts[1], request(exchange, body), key, xml);
      } else {
        respond(exchange, 404, error("no such endpoint: " + method + " " + path));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      log.warn("LAPOR! simulator could not answer", e);
      respond(exchange, 400, error(String.valueOf(e.getMessage())));
    }
  }

  /**
   * The control API, for tests of the started platform (a separate process, so they cannot call the
   * Java methods): what LAPOR! itself would do, with the same token. {@code POST
   * /simulator/agencies/{agencyId}/reports} (a report's JSON; answers {@code {"tracking_id":...}}),
   * {@code PUT /simulator/files/{fileId}} (the bytes, typed by {@code Content-Type}; answers {@code
   * {"url":...}}), {@code GET /simulator/reports/{trackingId}}, {@code POST
   * /simulator/reports/{trackingId}/reporter-follow-ups} ({@code {"text":...}}), {@code POST
   * /simulator/reports/{trackingId}/status} ({@code {"status":...}}), {@code GET /simulator/calls}
   * (as {@link #calls()}) and {@code POST /simulator/delay} ({@code {"millis":...}}, as {@link
   * #delay}).
   */
  private void control(HttpExchange exchange, String method, String[] parts) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    if (!("Token " + token).equals(authorization)) {
      respond(exchange, 401, error("missing or wrong token"));
      return;
    }
    byte[] body = exchange.getRequestBody().readAllBytes();
    try {
      controlCall(exchange, method, parts, body);
    } catch (RuntimeException e) {
      // Answered here: handle's own catch runs after its try-with-resources closed the exchange.
      respond(exchange, 400, error(String.valueOf(e.getMessage())));
    }
  }

  private void controlCall(HttpExchange exchange, String method, String[] parts, byte[] body)
      throws IOException {
    if (method.equals("POST")
        && parts.length == 3
        && parts[0].equals("agencies")
        && parts[2].equals("reports")) {
      String trackingId = addReport(parts[1], new String(body, StandardCharsets.UTF_8));
      respond(exchange, 201, "{\"tracking_id\":" + ProviderSandbox.quote(trackingId) + "}");
    } else if (method.equals("PUT") && parts.length == 2 && parts[0].equals("files")) {
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      String url = addFile(parts[1], type == null ? "application/octet-stream" : type, body);
      respond(exchange, 200, "{\"url\":" + ProviderSandbox.quote(url) + "}");
    } else if (method.equals("GET") && parts.length == 1 && parts[0].equals("calls")) {
      respond(exchange, 200, json.writeValueAsString(calls()));
    } else if (method.equals("POST") && parts.length == 1 && parts[0].equals("delay")) {
      delay(json.readTree(body).path("millis").asLong(0));
      respond(exchange, 200, "{}");
    } else if (parts.length >= 2 && parts[0].equals("reports") && known(parts[1])) {
      if (method.equals("GET") && parts.length == 2) {
        respond(exchange, 200, json.writeValueAsString(snapshot(parts[1])));
      } else if (method.equals("POST") && parts.length == 3 && parts[2].equals("status")) {
        changeStatus(parts[1], json.readTree(body).path("status").asString());
        respond(exchange, 200, json.writeValueAsString(report(parts[1])));
      } else if (method.equals("POST") && parts.length == 3 && parts[2].equals("dispositions")) {
        JsonNode request = json.readTree(body);
        disposition(parts[1], request.path("from").asString(), request.path("to").asString());
        respond(exchange, 200, json.writeValueAsString(report(parts[1])));
      } else if (method.equals("POST")
          && parts.length == 3
          && parts[2].equals("reporter-follow-ups")) {
        addReporterFollowUp(parts[1], json.readTree(body).path("text").asString());
        respond(exchange, 200, json.writeValueAsString(report(parts[1])));
      } else {
        respond(exchange, 404, error("no such control endpoint"));
      }
    } else {
      respond(exchange, 404, error("no such control endpoint or report"));
    }
  }

  private synchronized boolean known(String trackingId) {
    return reports.containsKey(trackingId);
  }

  /**
   * {@code GET /reports/{trackingId}}: the report as it is now, whichever agency it is
   * dispositioned to, as a page holding that one report (no cursor).
   */
  private synchronized String single(String trackingId) {
    ObjectNode page = json.createObjectNode();
    page.put("api_version", "1");
    page.putArray("data").add(report(trackingId));
    page.putNull("next_cursor");
    return json.writeValueAsString(page);
  }

  private synchronized String listUpdated(String agencyId, Map<String, String> query) {
    Instant since =
        query.containsKey("updated_since")
            ? Instant.parse(query.get("updated_since"))
            : Instant.EPOCH;
    int offset = query.containsKey("cursor") ? Integer.parseInt(query.get("cursor")) : 0;
    int limit =
        Math.min(pageSize, query.containsKey("limit") ? Integer.parseInt(query.get("limit")) : 50);
    List<ObjectNode> matching =
        reports.entrySet().stream()
            .filter(e -> agencyId.equals(agencyOf.get(e.getKey())))
            .map(Map.Entry::getValue)
            .filter(r -> !Instant.parse(r.get("updated_at").asString()).isBefore(since))
            .sorted(
                Comparator.comparing((ObjectNode r) -> r.get("updated_at").asString())
                    .thenComparing(r -> r.get("tracking_id").asString()))
            .toList();
    int from = Math.min(offset, matching.size());
    if (repeatAcrossPages && from > 0) {
      from--;
    }
    int to = Math.min(offset + limit, matching.size());
    ObjectNode page = json.createObjectNode();
    page.put("api_version", "1");
    ArrayNode data = page.putArray("data");
    matching.subList(from, to).forEach(data::add);
    if (to < matching.size()) {
      page.put("next_cursor", String.valueOf(to));
    } else {
      page.putNull("next_cursor");
    }
    return json.writeValueAsString(page);
  }

  private synchronized void postFollowUp(
      HttpExchange exchange, String trackingId, JsonNode request, String key, boolean xml)
      throws IOException {
    if (!reports.containsKey(trackingId)) {
      respond(exchange, 404, error("no report " + trackingId));
      return;
    }
    if (key != null && idempotent.containsKey("fu:" + key)) {
      answer(exchange, 200, idempotent.get("fu:" + key), xml, "");
      return;
    }
    if (!request.path("text").isString() || request.get("text").asString().isBlank()) {
      respond(exchange, 422, error("text is required"));
      return;
    }
    ObjectNode report = report(trackingId);
    String id = "FU-SIM-%06d".formatted(sequence.incrementAndGet());
    ObjectNode followUp = ((ArrayNode) report.get("follow_ups")).addObject();
    followUp.put("id", id);
    followUp.put("author", "agency");
    followUp.put("at", clock.instant().toString());
    followUp.put("text", request.get("text").asString());
    followUp.set(
        "attachments",
        request.path("attachments").isArray()
            ? request.get("attachments")
            : json.createArrayNode());
    followUp.put("idempotency_key", key);
    touch(report);
    String answer = "{\"id\":\"" + id + "\"}";
    if (key != null) {
      idempotent.put("fu:" + key, answer);
    }
    answer(exchange, 201, answer, xml, "");
  }

  private synchronized void postStatus(
      HttpExchange exchange, String trackingId, JsonNode request, String key, boolean xml)
      throws IOException {
    if (!reports.containsKey(trackingId)) {
      respond(exchange, 404, error("no report " + trackingId));
      return;
    }
    if (key != null && idempotent.containsKey("st:" + key)) {
      answer(exchange, 200, idempotent.get("st:" + key), xml, "");
      return;
    }
    if (!request.path("status").isString()) {
      respond(exchange, 422, error("status is required"));
      return;
    }
    ObjectNode report = report(trackingId);
    report.put("status", request.get("status").asString());
    ArrayNode history =
        report.has("status_history")
            ? (ArrayNode) report.get("status_history")
            : report.putArray("status_history");
    ObjectNode change = history.addObject();
    change.put("status", request.get("status").asString());
    change.put("note", request.path("note").asString(""));
    change.put("at", clock.instant().toString());
    change.put("idempotency_key", key);
    touch(report);
    String answer =
        "{\"status\":%s,\"version\":%d}"
            .formatted(
                ProviderSandbox.quote(request.get("status").asString()),
                report.get("version").asInt());
    if (key != null) {
      idempotent.put("st:" + key, answer);
    }
    answer(exchange, 200, answer, xml, "");
  }

  /** The category tree in {@code gettopics} style: a flat list with parent ids. */
  private static String topics() {
    return """
        {"api_version":"1","data":[
         {"id":"100","name":"Sosial","parent_id":null},
         {"id":"101","name":"Bantuan Sosial","parent_id":"100"},
         {"id":"102","name":"Pungutan Liar","parent_id":"100"},
         {"id":"103","name":"Pemberdayaan Masyarakat Desa","parent_id":"100"},
         {"id":"200","name":"Informasi Publik","parent_id":null}]}
        """;
  }

  private void touch(ObjectNode report) {
    report.put("version", report.get("version").asInt() + 1);
    report.put("updated_at", clock.instant().toString());
  }

  private synchronized void record(String call) {
    calls.add(call);
    if (calls.size() > KEPT_CALLS) {
      calls.removeFirst();
    }
  }

  private static Map<String, String> query(HttpExchange exchange) {
    Map<String, String> query = new HashMap<>();
    String raw = exchange.getRequestURI().getRawQuery();
    if (raw == null) {
      return query;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        query.put(
            URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return query;
  }

  private synchronized void serveFile(HttpExchange exchange, String fileId) throws IOException {
    File file = files.get(fileId);
    if (file == null) {
      respond(exchange, 404, error("no file " + fileId));
      return;
    }
    AtomicInteger failures = fileFailures.get(fileId);
    if (failures != null && failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      respond(exchange, 503, error("simulated file store failure"));
      return;
    }
    exchange.getResponseHeaders().add("Content-Type", file.mediaType());
    exchange.sendResponseHeaders(200, file.bytes().length);
    exchange.getResponseBody().write(file.bytes());
  }

  private boolean wantsXml(HttpExchange exchange) {
    String forced = forcedFormat;
    if (forced != null) {
      return forced.equalsIgnoreCase("xml");
    }
    String accept = exchange.getRequestHeaders().getFirst("Accept");
    return accept != null && accept.contains("xml");
  }

  /** A request body, JSON or XML by its Content-Type, as the JSON tree of the contract. */
  private JsonNode request(HttpExchange exchange, byte[] body) {
    String type = exchange.getRequestHeaders().getFirst("Content-Type");
    if (type != null && type.contains("xml")) {
      return LaporXml.read(new String(body, StandardCharsets.UTF_8));
    }
    return json.readTree(body);
  }

  /** Answers a JSON document, or its XML form (docs/lapor.md, "XML") when XML was asked for. */
  private void answer(HttpExchange exchange, int status, String jsonBody, boolean xml, String entry)
      throws IOException {
    if (xml) {
      respond(
          exchange,
          status,
          "application/xml",
          LaporXml.write((ObjectNode) json.readTree(jsonBody), entry));
    } else {
      respond(exchange, status, jsonBody);
    }
  }

  private static String error(String message) {
    return "{\"error\":{\"message\":" + ProviderSandbox.quote(message) + "}}";
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    respond(exchange, status, "application/json", body);
  }

  private static void respond(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
