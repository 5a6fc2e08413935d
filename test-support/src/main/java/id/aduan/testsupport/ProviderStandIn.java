package id.aduan.testsupport;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One local HTTP server on {@code 127.0.0.1} standing in for every provider a channel sends
 * through, answering as their documented contracts do:
 *
 * <ul>
 *   <li>WhatsApp Cloud API, {@code POST /v23.0/<phone-number-id>/messages} with {@code
 *       "messaging_product":"whatsapp"}: 200 {@code {"messaging_product":"whatsapp",
 *       "contacts":[{"input":<to>,"wa_id":<to>}],"messages":[{"id":"wamid.…"}]}};
 *   <li>the Cloud API's read receipt (the same path, {@code "status":"read"}): 200 {@code
 *       {"success":true}};
 *   <li>Messenger and Instagram Send API, the same path without it: 200 {@code
 *       {"recipient_id":<recipient.id>,"message_id":"m_…"}};
 *   <li>Twilio, {@code POST /2010-04-01/Accounts/<sid>/Messages.json}: 201 with a Message resource
 *       ({@code sid} {@code SM} + 32 hex digits, {@code status} {@code queued});
 *   <li>a CDN serving what {@link #media} put at {@code /media/<name>} (404 once "expired");
 *   <li>anything else: 404 with a Graph API error (code 100).
 * </ul>
 *
 * A test changes an answer with {@link #script} (the next answers on a path), {@link #serve} (every
 * later answer on a path) or {@link #failNext} (requests whose body mentions a text get Meta's
 * transient error, code 2, HTTP 500). Every request but the CDN's is recorded.
 */
public final class ProviderStandIn implements AutoCloseable {

  /** The version in {@link #baseUrl()}, as the services' configuration names it. */
  public static final String GRAPH_VERSION = "v23.0";

  private static final Pattern TO = Pattern.compile("\"to\"\\s*:\\s*\"([^\"]*)\"");
  private static final Pattern RECIPIENT =
      Pattern.compile("\"recipient\"\\s*:\\s*\\{\\s*\"id\"\\s*:\\s*\"([^\"]*)\"");
  private static final Pattern TWILIO_ACCOUNT =
      Pattern.compile("^/2010-04-01/Accounts/([^/]+)/Messages\\.json$");

  /** One request as the stand-in received it. */
  public record Request(String method, String path, String authorization, String body) {}

  /** One answer: status, content type and body. */
  public record Answer(int status, String contentType, byte[] body) {

    public static Answer json(int status, String json) {
      return new Answer(status, "application/json", json.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * A Graph API error as the Cloud API documents it: {@code {"error":{"message":"(#<code>) …",
     * "type":"OAuthException","code":<code>,"error_data":{"messaging_product":"whatsapp",
     * "details":…},"fbtrace_id":…}}}.
     */
    public static Answer error(int status, int code) {
      return error(status, code, "error " + code);
    }

    /** {@link #error(int, int)} with the given details. */
    public static Answer error(int status, int code, String details) {
      return json(
          status,
          """
          {"error":{"message":"(#%1$d) %2$s","type":"OAuthException","code":%1$d,\
          "error_data":{"messaging_product":"whatsapp","details":"%2$s"},\
          "fbtrace_id":"AbCdEfStandIn"}}"""
              .formatted(code, details.replace("\"", "'")));
    }

    /**
     * A Twilio REST error as documented: {@code {"code":<code>,"message":…,"more_info":
     * "https://www.twilio.com/docs/errors/<code>","status":<status>}}.
     */
    public static Answer twilioError(int status, int code, String message) {
      return json(
          status,
          """
          {"code":%1$d,"message":"%2$s","more_info":"https://www.twilio.com/docs/errors/%1$d",\
          "status":%3$d}"""
              .formatted(code, message.replace("\"", "'"), status));
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final Map<String, ConcurrentLinkedDeque<Answer>> scripts = new ConcurrentHashMap<>();
  private final Map<String, Answer> fixed = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
  private final Map<String, byte[]> media = new ConcurrentHashMap<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final Map<String, Runnable> beforeAnswer = new ConcurrentHashMap<>();

  /** Starts on a free port of {@code 127.0.0.1}. */
  public ProviderStandIn() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.start();
  }

  /** {@code http://127.0.0.1:<port>}: Twilio's API base. */
  public String root() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** {@code http://127.0.0.1:<port>/v23.0}: the Graph API base. */
  public String baseUrl() {
    return root() + "/" + GRAPH_VERSION;
  }

  /** Where the CDN serves {@code name}. */
  public String mediaUrl(String name) {
    return root() + "/media/" + name;
  }

  /** The CDN serves {@code bytes} (as {@code image/jpeg}) at {@link #mediaUrl(String)}. */
  public void media(String name, byte[] bytes) {
    media.put(name, bytes);
  }

  /** The next answers to requests on {@code path}, in order; after them, the fixed or default. */
  public void script(String path, Answer... answers) {
    scripts.computeIfAbsent(path, p -> new ConcurrentLinkedDeque<>()).addAll(List.of(answers));
  }

  /** The answer to every request on {@code path} once its script is used up. */
  public void serve(String path, Answer answer) {
    fixed.put(path, answer);
  }

  /** The next {@code times} requests whose body mentions {@code text} get HTTP 500, code 2. */
  public void failNext(String text, int times) {
    failures.put(text, new AtomicInteger(times));
  }

  /**
   * Runs {@code action} once, when the first request whose body mentions {@code text} arrives,
   * after the request is recorded and before it is answered (e.g. to stop a store while the caller
   * waits for the provider's answer).
   */
  public void beforeAnswering(String text, Runnable action) {
    beforeAnswer.put(text, action);
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** Requests whose body mentions {@code text} (e.g. a recipient's number). */
  public List<Request> requestsMentioning(String text) {
    return requests.stream().filter(r -> r.body().contains(text)).toList();
  }

  /** Forgets requests, scripts, fixed answers and failures (not the CDN's files). */
  public void reset() {
    requests.clear();
    scripts.clear();
    fixed.clear();
    failures.clear();
    beforeAnswer.clear();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      String path = exchange.getRequestURI().getPath();
      if (exchange.getRequestMethod().equals("GET") && path.startsWith("/media/")) {
        byte[] bytes = media.get(path.substring("/media/".length()));
        respond(
            exchange,
            bytes == null
                ? new Answer(404, "text/plain", "expired".getBytes(StandardCharsets.UTF_8))
                : new Answer(200, "image/jpeg", bytes));
        return;
      }
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(
          new Request(
              exchange.getRequestMethod(),
              path,
              String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")),
              body));
      for (String text : List.copyOf(beforeAnswer.keySet())) {
        Runnable action = body.contains(text) ? beforeAnswer.remove(text) : null;
        if (action != null) {
          action.run();
        }
      }
      respond(exchange, answer(path, body));
    }
  }

  private Answer answer(String path, String body) {
    ConcurrentLinkedDeque<Answer> script = scripts.get(path);
    Answer scripted = script == null ? null : script.pollFirst();
    if (scripted != null) {
      return scripted;
    }
    for (Map.Entry<String, AtomicInteger> f : failures.entrySet()) {
      if (body.contains(f.getKey()) && f.getValue().getAndDecrement() > 0) {
        return Answer.error(500, 2, "Service temporarily unavailable");
      }
    }
    Answer served = fixed.get(path);
    if (served != null) {
      return served;
    }
    Matcher twilio = TWILIO_ACCOUNT.matcher(path);
    if (twilio.matches()) {
      String sid = "SM%032x".formatted(ids.incrementAndGet());
      return Answer.json(
          201,
          """
          {"sid":"%s","account_sid":"%s","status":"queued","direction":"outbound-api",\
          "api_version":"2010-04-01","error_code":null,"error_message":null}"""
              .formatted(sid, twilio.group(1)));
    }
    if (path.endsWith("/messages")) {
      int id = ids.incrementAndGet();
      if (body.contains("\"messaging_product\":\"whatsapp\"")
          && body.contains("\"status\":\"read\"")) {
        return Answer.json(200, "{\"success\":true}");
      }
      if (body.contains("\"messaging_product\":\"whatsapp\"")) {
        String to = first(TO, body);
        return Answer.json(
            200,
            """
            {"messaging_product":"whatsapp","contacts":[{"input":"%1$s","wa_id":"%1$s"}],\
            "messages":[{"id":"wamid.OUT-%2$d"}]}"""
                .formatted(to, id));
      }
      return Answer.json(
          200,
          "{\"recipient_id\":\"%s\",\"message_id\":\"m_OUT-%d\"}"
              .formatted(first(RECIPIENT, body), id));
    }
    return Answer.json(
        404,
        """
        {"error":{"message":"Unsupported request: %s","type":"GraphMethodException",\
        "code":100,"fbtrace_id":"AbCdEfStandIn"}}"""
            .formatted(path.replace("\"", "")));
  }

  private static String first(Pattern pattern, String body) {
    Matcher m = pattern.matcher(body);
    return m.find() ? m.group(1) : "";
  }

  private static void respond(HttpExchange exchange, Answer answer) throws IOException {
    exchange.getResponseHeaders().add("Content-Type", answer.contentType());
    exchange.sendResponseHeaders(
        answer.status(), answer.body().length == 0 ? -1 : answer.body().length);
    if (answer.body().length > 0) {
      exchange.getResponseBody().write(answer.body());
    }
  }
}
