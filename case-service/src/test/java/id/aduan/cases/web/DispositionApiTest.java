package id.aduan.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.cases.CaseServiceApplication;
import id.aduan.cases.domain.CaseState;
import id.aduan.cases.persistence.Cases;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Buton's head's disposition and duty officer through the officer API (issue 23, docs/adr/0051):
 * the duty officer (petugas piket) registers a walk-in and hands it to an officer; the case does
 * not go in progress before the head's disposition (409); only the head (and admin) dispositions;
 * missing and past values answer 400 in Bahasa Indonesia and English; the timeline carries the
 * disposition as values; a disposition that does not handle the complaint rejects it.
 */
@AduanKafka
class DispositionApiTest {

  private static final String PASSWORD = "disposition-password";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final ZoneId WITA = ZoneId.of("Asia/Makassar");

  @RegisterExtension
  static final AduanService service =
      AduanService.of(CaseServiceApplication::builder, "disposition")
          .property("aduan.demo.enabled", true)
          .property("aduan.demo.password", PASSWORD);

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theDutyOfficerHandsAWalkInOnAndTheHeadDispositionsItOnlineBeforeWorkStarts()
      throws Exception {
    String t = walkIn("btn.piket", "Bantuan beras keluarga kami tidak disalurkan tiga bulan");
    JsonNode handed = ok(act("btn.piket", t, "assign", Map.of("officer", "btn.koordinator")));
    assertThat(handed.path("assignee").asString()).isEqualTo("btn.koordinator");
    ok(act("btn.loket", t, "verify", Map.of()));
    // The head routes (issue 23: "the HEAD role can neither route nor assign").
    ok(act("btn.kepala", t, "route", Map.of("division", "LINJAMSOS")));

    HttpResponse<String> early = act("btn.koordinator", t, "start-progress", Map.of());
    assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
    assertThat(early.body())
        .contains("disposisi pimpinan belum ada", "the head's disposition is missing");

    String tomorrow = LocalDateTime.now(WITA).plusDays(1).truncatedTo(ChronoUnit.HOURS).toString();
    Map<String, Object> online =
        new HashMap<>(Map.of("handled", true, "mode", "ONLINE", "time", tomorrow));
    assertThat(act("btn.koordinator", t, "disposition", withMethod(online)).statusCode())
        .isEqualTo(403);
    HttpResponse<String> noMethod = act("btn.kepala", t, "disposition", online);
    assertThat(noMethod.statusCode()).as(noMethod.body()).isEqualTo(400);
    assertThat(noMethod.body()).contains("metode (daring) wajib diisi", "method (online");
    Map<String, Object> past = withMethod(online);
    past.put("time", LocalDateTime.now(WITA).minusHours(2).withNano(0).toString());
    HttpResponse<String> late = act("btn.kepala", t, "disposition", past);
    assertThat(late.statusCode()).as(late.body()).isEqualTo(400);
    assertThat(late.body()).contains("sudah lewat", "has passed");
    Map<String, Object> noTime = withMethod(online);
    noTime.remove("time");
    assertThat(act("btn.kepala", t, "disposition", noTime).body())
        .contains("waktu penanganan wajib diisi");
    assertThat(
            service
                .bean(io.micrometer.core.instrument.MeterRegistry.class)
                .counter(
                    "aduan.cases.transitions",
                    "agency",
                    "BTN",
                    "action",
                    "disposition",
                    "outcome",
                    "invalid")
                .count())
        .isGreaterThanOrEqualTo(3);

    JsonNode dispositioned = ok(act("btn.kepala", t, "disposition", withMethod(online)));

    assertThat(dispositioned.path("status").asString()).isEqualTo("ROUTED");
    JsonNode entry = last(dispositioned.path("entries"));
    assertThat(entry.path("kind").asString()).isEqualTo("DISPOSITION");
    assertThat(entry.path("actor").asString()).isEqualTo("btn.kepala");
    assertThat(entry.path("disposition").path("handled").asBoolean()).isTrue();
    assertThat(entry.path("disposition").path("mode").asString()).isEqualTo("ONLINE");
    assertThat(entry.path("disposition").path("method").asString())
        .isEqualTo("Panggilan video https://meet.example.test/btn");
    assertThat(Instant.parse(entry.path("disposition").path("time").asString()))
        .isEqualTo(LocalDateTime.parse(tomorrow).atZone(WITA).toInstant());

    JsonNode working = ok(act("btn.koordinator", t, "start-progress", Map.of()));
    assertThat(working.path("status").asString()).isEqualTo("IN_PROGRESS");
  }

  @Test
  void aDispositionThatDoesNotHandleTheComplaintRejectsIt() throws Exception {
    String t = walkIn("btn.loket", "Permintaan bantuan modal usaha untuk warung keluarga kami");

    HttpResponse<String> noReason = act("btn.kepala", t, "disposition", Map.of("handled", false));
    assertThat(noReason.statusCode()).as(noReason.body()).isEqualTo(400);
    assertThat(noReason.body()).contains("alasan tidak dapat ditangani wajib diisi");

    JsonNode rejected =
        ok(
            act(
                "btn.kepala",
                t,
                "disposition",
                Map.of(
                    "handled",
                    false,
                    "reasonCode",
                    "NOT_AUTHORITY",
                    "reason",
                    "Bantuan modal usaha adalah kewenangan Dinas Koperasi")));

    assertThat(rejected.path("status").asString()).isEqualTo("REJECTED");
    assertThat(rejected.path("rejectionCode").asString()).isEqualTo("NOT_AUTHORITY");
    JsonNode entries = rejected.path("entries");
    JsonNode disposition = entries.get(entries.size() - 2);
    assertThat(disposition.path("kind").asString()).isEqualTo("DISPOSITION");
    assertThat(disposition.path("disposition").path("handled").asBoolean()).isFalse();
    assertThat(disposition.path("note").asString()).contains("Dinas Koperasi");
  }

  @Test
  void theDutyOfficersQueueHoldsTheWalkInsWhoseReceptionClockRuns() {
    CaseState.Deadline running =
        new CaseState.Deadline("walk-in-reception", Instant.now(), "RUNNING", Instant.now());
    CaseState.Deadline met =
        new CaseState.Deadline("walk-in-reception", Instant.now(), "MET", Instant.now());
    CaseState waiting = stored().toBuilder().build().withDeadline(running);

    assertThat(InboxController.waitingForReception(waiting)).isTrue();
    assertThat(InboxController.waitingForReception(waiting.withDeadline(met))).isFalse();
    assertThat(InboxController.waitingForReception(stored())).isFalse();
  }

  // ------------------------------------------------------------------ helpers

  private CaseState stored() {
    return service.bean(Cases.class).byTicket(anyTicket()).orElseThrow().state();
  }

  private String anyTicket() {
    try {
      return walkIn("btn.piket", "Pengaduan untuk antrean petugas piket di loket pengaduan");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> withMethod(Map<String, Object> body) {
    Map<String, Object> b = new HashMap<>(body);
    b.put("method", "Panggilan video https://meet.example.test/btn");
    return b;
  }

  private static JsonNode last(JsonNode array) {
    return array.get(array.size() - 1);
  }

  private String walkIn(String user, String description) throws Exception {
    Map<String, Object> body = new HashMap<>();
    body.put("reference", "ref-" + System.nanoTime());
    body.put("mode", "walk-in");
    body.put("receivedAt", Instant.now().minusSeconds(60).toString());
    body.put("name", "La Ode Uji");
    body.put("address", "Pasarwajo, Buton");
    body.put("description", description);
    body.put("loss", "Tiga bulan tanpa bantuan");
    body.put("remedy", "Penyaluran ulang");
    body.put("placeAndTime", "Pasarwajo, hari ini");
    body.put("signed", true);
    HttpResponse<String> r = send(user, "/api/v1/intake", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    JsonNode c = JSON.readTree(r.body());
    assertThat(c.path("status").asString()).isEqualTo("RECEIVED");
    return c.path("ticket").asString();
  }

  private HttpResponse<String> act(String user, String ticket, String action, Map<String, ?> body)
      throws Exception {
    Map<String, Object> withVersion = new HashMap<>(body);
    withVersion.put("version", version(ticket));
    return send(user, "/api/v1/cases/" + ticket + "/" + action, withVersion);
  }

  private long version(String ticket) {
    Long v = service.bean(Cases.class).byTicket(ticket).orElseThrow().version();
    return v == null ? 0 : v;
  }

  private HttpResponse<String> send(String user, String path, @Nullable Map<String, ?> body)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(service.baseUrl() + path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
    if (body == null) {
      b.GET();
    } else {
      b.header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode ok(HttpResponse<String> r) throws Exception {
    assertThat(r.statusCode()).as(r.uri() + ": " + r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }
}
