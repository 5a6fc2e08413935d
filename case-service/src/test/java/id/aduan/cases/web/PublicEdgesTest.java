package id.aduan.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.agency.Agency;
import id.aduan.agency.AgencyCatalog;
import id.aduan.cases.CaseServiceApplication;
import id.aduan.cases.application.CaseService;
import id.aduan.cases.domain.AuditEntry;
import id.aduan.cases.domain.CaseState;
import id.aduan.cases.persistence.CaseDocument;
import id.aduan.cases.persistence.Cases;
import id.aduan.contracts.CaseStatus;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import id.aduan.testsupport.OversizeBodies;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What a stranger can send to case-service's open doors, against the started service behind a
 * trusted proxy (the test's loopback connection): oversized bodies before authentication, guessed
 * passwords, and status lookups that share the proxy's address.
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PublicEdgesTest {

  private static final String PASSWORD = "public-edges-password";
  private static final int STATUS_LIMIT = 3;
  private static final int ACCOUNT_FAILURES = 5;
  private static final int ADDRESS_FAILURES = 8;
  private static final long BODY_LIMIT = 16_384;

  private static final tools.jackson.databind.json.JsonMapper JSON =
      tools.jackson.databind.json.JsonMapper.builder().build();

  private final HttpClient http = HttpClient.newHttpClient();

  @RegisterExtension
  static final AduanService service =
      AduanService.of(CaseServiceApplication::builder, "public-edges")
          .property("aduan.demo.enabled", true)
          .property("aduan.demo.password", PASSWORD)
          .property("aduan.cases.max-request-bytes", BODY_LIMIT)
          .property("aduan.cases.public-status.requests-per-minute", STATUS_LIMIT)
          .property("aduan.cases.web.trusted-proxies", "127.0.0.0/8,::1")
          .property("aduan.cases.security.sign-in.max-failures-per-account", ACCOUNT_FAILURES)
          .property("aduan.cases.security.sign-in.max-failures-per-address", ADDRESS_FAILURES);

  @Test
  void bodiesOverTheLimitAreRefusedBeforeAuthenticationWhileTheyStream() throws Exception {
    var declared =
        OversizeBodies.declared(service.port(), "POST", "/api/v1/intake", "application/json");
    // A body is read only once the request is let through: an officer's intake.
    var chunked =
        OversizeBodies.chunked(
            service.port(),
            "POST",
            "/api/v1/intake",
            "application/json",
            BODY_LIMIT,
            (byte) ' ',
            "Authorization: " + basic("bdg.loket", PASSWORD),
            "X-Forwarded-For: 192.0.2.201");
    var publicPage =
        OversizeBodies.declared(
            service.port(), "GET", "/api/v1/public/status/BDG-2026-000001", "application/json");

    assertThat(declared.status()).isEqualTo(413);
    assertThat(chunked.status()).isEqualTo(413);
    assertThat(publicPage.status()).isEqualTo(413);
    assertThat(declared.headers()).containsIgnoringCase("application/problem+json");
    assertThat(refused("declared")).isGreaterThanOrEqualTo(2);
    assertThat(refused("streamed")).isGreaterThanOrEqualTo(1);
    // The service answers afterwards.
    assertThat(get("/api/v1/workspace", "bdg.kepala", PASSWORD, "192.0.2.200").statusCode())
        .isEqualTo(200);
  }

  @Test
  void anAccountIsRefusedAfterItsFailuresWithRetryAfterAndOtherAccountsAreNot() throws Exception {
    String client = "198.51.100.10";
    for (int i = 0; i < ACCOUNT_FAILURES; i++) {
      assertThat(get("/api/v1/workspace", "bdg.admin", "guess-" + i, client).statusCode())
          .isEqualTo(401);
    }

    HttpResponse<String> locked = get("/api/v1/workspace", "bdg.admin", PASSWORD, client);
    HttpResponse<String> otherAccount = get("/api/v1/workspace", "bdg.loket", PASSWORD, client);

    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow()))
        .isPositive();
    assertThat(locked.body()).contains("/problems/rate-limited");
    assertThat(otherAccount.statusCode()).isEqualTo(200);
    assertThat(meters().counter("aduan.cases.signin.refused", "scope", "account").count())
        .isGreaterThanOrEqualTo(1);
  }

  @Test
  void anAddressIsRefusedAfterItsFailuresWhateverTheAccountAndOtherAddressesAreNot()
      throws Exception {
    String guesser = "198.51.100.20";
    for (int i = 0; i < ADDRESS_FAILURES; i++) {
      assertThat(get("/api/v1/workspace", "nobody-" + i, "guess", guesser).statusCode())
          .isEqualTo(401);
    }

    assertThat(get("/api/v1/workspace", "bdg.koordinator", PASSWORD, guesser).statusCode())
        .isEqualTo(429);
    assertThat(get("/api/v1/workspace", "bdg.koordinator", PASSWORD, "198.51.100.21").statusCode())
        .isEqualTo(200);
    assertThat(meters().counter("aduan.cases.signin.refused", "scope", "address").count())
        .isGreaterThanOrEqualTo(1);
  }

  /**
   * Behind a trusted proxy every lookup comes from the proxy's address: the limit keys on the
   * forwarded client instead, so one client's lookups do not use up another's. A client cannot
   * escape its limit by prepending addresses of its own to the forwarded chain.
   */
  @Test
  void theStatusLimitKeysOnTheForwardedClientBehindATrustedProxy() throws Exception {
    String ticket = "/api/v1/public/status/BDG-2026-999999";
    for (int i = 0; i < STATUS_LIMIT; i++) {
      assertThat(get(ticket, null, null, "203.0.113.7").statusCode()).isEqualTo(404);
    }

    HttpResponse<String> limited = get(ticket, null, null, "203.0.113.7");
    HttpResponse<String> spoofed = get(ticket, null, null, "192.0.2.99, 203.0.113.7");
    HttpResponse<String> otherClient = get(ticket, null, null, "203.0.113.8");

    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(spoofed.statusCode()).isEqualTo(429);
    assertThat(otherClient.statusCode()).isEqualTo(404);
  }

  /**
   * Issue 23 (docs/adr/0053): a resolved case's survey on the public status page, answered once by
   * whoever holds its status link (a front-desk case without a contact has no other way); a wrong
   * key is the same 404 as an unknown number.
   */
  @Test
  void theHolderOfTheStatusLinkAnswersTheSurveyOnceOnTheStatusPage() throws Exception {
    Agency bdg = service.bean(AgencyCatalog.class).byCode("BDG").orElseThrow();
    Instant received = Instant.now().minus(Duration.ofDays(2));
    CaseDocument opened =
        service
            .bean(CaseService.class)
            .intake(
                new CaseService.FrontDeskIntake(
                    "survey-page-1",
                    "walk-in",
                    received,
                    null,
                    "Warga",
                    null,
                    null,
                    null,
                    null,
                    "Lampu jalan di gang tiga mati sejak seminggu yang lalu",
                    null,
                    null,
                    null,
                    true),
                bdg,
                "bdg.loket");
    // As stored (with its version), resolved an hour ago.
    opened = service.bean(Cases.class).byId(opened.id()).orElseThrow();
    CaseState.Builder resolved = opened.state().toBuilder();
    resolved.status = CaseStatus.RESOLVED;
    resolved.timeline.add(
        new AuditEntry(
            Instant.now().minus(Duration.ofHours(1)),
            "bdg.admin",
            "resolve",
            CaseStatus.ANSWERED,
            CaseStatus.RESOLVED,
            null));
    service.bean(Cases.class).save(opened.with(resolved.build(), List.of()));
    String ticket = opened.state().ticket();

    HttpResponse<String> link =
        get("/api/v1/cases/" + ticket + "/status-link", "bdg.admin", PASSWORD, "192.0.2.210");
    assertThat(link.statusCode()).isEqualTo(200);
    String href = JSON.readTree(link.body()).path("link").asString();
    assertThat(href).startsWith("/status.html?ticket=" + ticket + "&key=");
    String key = href.substring(href.indexOf("key=") + 4);
    HttpResponse<String> before =
        get("/api/v1/public/status/" + ticket, null, null, "203.0.113.60");
    assertThat(JSON.readTree(before.body()).path("surveyOpen").asBoolean()).isTrue();

    HttpResponse<String> wrongKey = survey(ticket, "0".repeat(24), 1, "203.0.113.61");
    HttpResponse<String> answered = survey(ticket, key, 4, "203.0.113.62");
    HttpResponse<String> again = survey(ticket, key, 1, "203.0.113.63");
    HttpResponse<String> badRating = survey(ticket, key, 9, "203.0.113.64");

    assertThat(wrongKey.statusCode()).isEqualTo(404);
    assertThat(answered.statusCode()).isEqualTo(204);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(badRating.statusCode()).isEqualTo(400);
    CaseDocument after = service.bean(Cases.class).byTicket(ticket).orElseThrow();
    assertThat(after.state().survey()).isNotNull();
    assertThat(after.state().survey().rating()).isEqualTo(4);
    assertThat(after.state().status()).isEqualTo(CaseStatus.RESOLVED);
    HttpResponse<String> afterwards =
        get("/api/v1/public/status/" + ticket, null, null, "203.0.113.65");
    assertThat(JSON.readTree(afterwards.body()).path("surveyOpen").asBoolean()).isFalse();
  }

  private HttpResponse<String> survey(String ticket, String key, int rating, String forwardedFor)
      throws Exception {
    String body =
        JSON.writeValueAsString(
            java.util.Map.of("key", key, "rating", rating, "comment", "lampu sudah menyala"));
    return http.send(
        HttpRequest.newBuilder(
                URI.create(
                    "http://127.0.0.1:"
                        + service.port()
                        + "/api/v1/public/status/"
                        + ticket
                        + "/survey"))
            .header("X-Forwarded-For", forwardedFor)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(
      String path, @Nullable String user, @Nullable String password, String forwardedFor)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
            .header("X-Forwarded-For", forwardedFor);
    if (user != null) {
      b.header("Authorization", basic(user, password));
    }
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String basic(String user, @Nullable String password) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private MeterRegistry meters() {
    return service.bean(MeterRegistry.class);
  }

  private double refused(String reason) {
    Counter c = meters().find("aduan.web.body.refused").tag("reason", reason).counter();
    return c == null ? 0 : c.count();
  }
}
