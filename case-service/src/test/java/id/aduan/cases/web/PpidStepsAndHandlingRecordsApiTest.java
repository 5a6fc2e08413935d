package id.aduan.cases.web;

import static org.assertj.core.api.Assertions.assertThat;

import id.aduan.cases.CaseServiceApplication;
import id.aduan.cases.persistence.Cases;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Issue 23 through the officer API, as officers of different roles: Lebak's PPID step HEAD taken on
 * only by the head (403 for the admin, with the reason in Bahasa Indonesia and English); Bangka
 * Belitung's field investigation on the case's timeline; its exempt refusal only after a recorded
 * consequence test (uji konsekuensi) that found harm (409 before).
 */
@AduanKafka
class PpidStepsAndHandlingRecordsApiTest {

  private static final String PASSWORD = "ppid-field-password";
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String TODAY = LocalDate.now(ZoneId.of("Asia/Jakarta")).toString();

  @RegisterExtension
  static final AduanService service =
      AduanService.of(CaseServiceApplication::builder, "ppid-field")
          .property("aduan.demo.enabled", true)
          .property("aduan.demo.password", PASSWORD);

  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void lebaksHeadStepIsTakenOnByTheHeadAndRefusedToTheAdmin() throws Exception {
    String t = informationRequest("lbk", "Permohonan informasi daftar penerima bantuan sosial");
    for (String step : List.of("SECRETARIAT", "HEAD")) {
      ok(act("lbk.admin", t, "ppid/advance", Map.of("step", step)));
    }

    HttpResponse<String> byAdmin = act("lbk.admin", t, "ppid/advance", Map.of("step", "SECRETARY"));

    assertThat(byAdmin.statusCode()).as(byAdmin.body()).isEqualTo(403);
    JsonNode problem = JSON.readTree(byAdmin.body());
    assertThat(problem.path("type").asString()).isEqualTo("/problems/forbidden");
    assertThat(problem.path("step").asString()).isEqualTo("HEAD");
    assertThat(problem.path("detail").asString())
        .contains("Langkah HEAD hanya dapat diteruskan oleh peran HEAD")
        .contains("The step HEAD is taken on only by the role HEAD");
    assertThat(view("lbk.admin", t).path("ppidStep").asString()).isEqualTo("HEAD");
    assertThat(
            service
                .bean(io.micrometer.core.instrument.MeterRegistry.class)
                .counter(
                    "aduan.cases.transitions",
                    "agency",
                    "LBK",
                    "action",
                    "advance-ppid",
                    "outcome",
                    "refused")
                .count())
        .isGreaterThanOrEqualTo(1);

    JsonNode byHead = ok(act("lbk.kepala", t, "ppid/advance", Map.of("step", "SECRETARY")));

    assertThat(byHead.path("ppidStep").asString()).isEqualTo("SECRETARY");
    assertThat(
            byHead
                .path("timeline")
                .get(byHead.path("timeline").size() - 1)
                .path("actor")
                .asString())
        .isEqualTo("lbk.kepala");
    // The head takes no other step of Lebak's.
    assertThat(act("lbk.kepala", t, "ppid/advance", Map.of("step", "VERIFICATION")).statusCode())
        .isEqualTo(403);
  }

  @Test
  void bangkaBelitungRefusesAsExemptOnlyAfterAConsequenceTest() throws Exception {
    String t = informationRequest("babel", "Permohonan informasi data pribadi penerima bantuan");
    ok(act("babel.admin", t, "ppid/advance", Map.of("step", "VERIFICATION")));
    Map<String, Object> refusal =
        Map.of("legalBasis", "Informasi dikecualikan: data pribadi, UU 14/2008 Pasal 17 huruf h");

    HttpResponse<String> early = act("babel.admin", t, "ppid/refuse", refusal);

    assertThat(early.statusCode()).as(early.body()).isEqualTo(409);
    assertThat(early.body()).contains("uji konsekuensi belum dicatat");
    assertThat(
            act(
                    "babel.admin",
                    t,
                    "consequence-test",
                    consequenceTest("MAYBE", "Membuka data merugikan pemiliknya"))
                .statusCode())
        .isEqualTo(400);

    JsonNode tested =
        ok(
            act(
                "babel.koordinator",
                t,
                "consequence-test",
                consequenceTest("EXEMPT", "Membuka NIK penerima merugikan hak atas data pribadi")));

    JsonNode entry = tested.path("timeline").get(tested.path("timeline").size() - 1);
    assertThat(entry.path("action").asString()).isEqualTo("consequence-test");
    assertThat(entry.path("reason").asString())
        .startsWith("EXEMPT: " + TODAY)
        .contains("Pasal 17 huruf h", "merugikan hak");

    JsonNode refused = ok(act("babel.admin", t, "ppid/refuse", refusal));

    assertThat(refused.path("status").asString()).isEqualTo("REJECTED");
    assertThat(refused.path("rejectionCode").asString()).isEqualTo("EXEMPT_INFORMATION");
  }

  @Test
  void aFieldInvestigationJoinsTheTimelineWhereTheStandardNamesIt() throws Exception {
    String babel = routedComplaint("babel", "LINJAMSOS");
    Map<String, Object> visit =
        new HashMap<>(
            Map.of(
                "date",
                TODAY,
                "officers",
                List.of("babel.linjamsos", "babel.koordinator"),
                "findings",
                "Rumah pelapor rusak berat, atap runtuh; layak bantuan RTLH"));

    JsonNode recorded = ok(act("babel.koordinator", babel, "field-investigations", visit));

    JsonNode entry = recorded.path("timeline").get(recorded.path("timeline").size() - 1);
    assertThat(entry.path("action").asString()).isEqualTo("field-investigation");
    assertThat(entry.path("actor").asString()).isEqualTo("babel.koordinator");
    assertThat(entry.path("reason").asString())
        .contains(TODAY, "babel.linjamsos, babel.koordinator", "atap runtuh");
    assertThat(recorded.path("status").asString()).isEqualTo("ROUTED");

    visit.put("photos", List.of("not-a-file-of-this-case"));
    HttpResponse<String> strangePhoto =
        act("babel.koordinator", babel, "field-investigations", visit);
    assertThat(strangePhoto.statusCode()).as(strangePhoto.body()).isEqualTo(400);
    assertThat(strangePhoto.body()).contains("not-a-file-of-this-case");

    visit.remove("photos");
    visit.put("date", LocalDate.parse(TODAY).plusDays(2).toString());
    assertThat(act("babel.koordinator", babel, "field-investigations", visit).statusCode())
        .isEqualTo(400);

    // Lebak's standard names no field investigation.
    String lebak = routedComplaint("lbk", "LINJAMSOS");
    visit.put("date", TODAY);
    HttpResponse<String> elsewhere = act("lbk.koordinator", lebak, "field-investigations", visit);
    assertThat(elsewhere.statusCode()).as(elsewhere.body()).isEqualTo(409);
    assertThat(elsewhere.body()).contains("names no field investigation");
  }

  // ------------------------------------------------------------------ helpers

  private String informationRequest(String agency, String description) throws Exception {
    Map<String, Object> body = intakeBody(description);
    body.put("caseType", "INFORMATION_REQUEST");
    String ticket = intake(agency, body);
    markCompleteIfNeeded(agency, ticket);
    return ticket;
  }

  private String routedComplaint(String agency, String division) throws Exception {
    String ticket =
        intake(agency, intakeBody("Bantuan sosial PKH ibu saya belum cair sejak Januari lalu"));
    markCompleteIfNeeded(agency, ticket);
    ok(act(agency + ".loket", ticket, "verify", Map.of()));
    ok(act(agency + ".koordinator", ticket, "route", Map.of("division", division)));
    return ticket;
  }

  private static Map<String, Object> intakeBody(String description) {
    Map<String, Object> body = new HashMap<>();
    body.put("reference", "ref-" + System.nanoTime());
    body.put("mode", "walk-in");
    body.put("receivedAt", Instant.now().minusSeconds(60).toString());
    body.put("name", "Pemohon Uji");
    body.put("address", "Jl. Merdeka 1");
    body.put("nik", "3602010101900001");
    body.put("description", description);
    return body;
  }

  private String intake(String agency, Map<String, Object> body) throws Exception {
    HttpResponse<String> r = send(agency + ".loket", "/api/v1/intake", body);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(201);
    return JSON.readTree(r.body()).path("ticket").asString();
  }

  private void markCompleteIfNeeded(String agency, String ticket) throws Exception {
    if (view(agency + ".admin", ticket).path("status").asString().equals("INCOMPLETE")) {
      ok(
          act(
              agency + ".loket",
              ticket,
              "mark-complete",
              Map.of("reason", "KTP dan berkas pendukung dilihat di loket")));
    }
  }

  private static Map<String, Object> consequenceTest(String result, String reasoning) {
    return Map.of(
        "date",
        TODAY,
        "testedBy",
        List.of("babel.koordinator", "babel.admin"),
        "exemption",
        "UU 14/2008 Pasal 17 huruf h (data pribadi)",
        "result",
        result,
        "reasoning",
        reasoning);
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

  private JsonNode view(String user, String ticket) throws Exception {
    return ok(send(user, "/api/v1/cases/" + ticket, null));
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
