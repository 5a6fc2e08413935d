package id.aduan.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.Topics;
import id.aduan.support.messaging.CloudEvents;
import id.aduan.support.messaging.PersonalFields;
import id.aduan.support.pii.PiiCipher;
import id.aduan.testsupport.TopicProbe;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * SP4N-LAPOR! both ways (issue 19) on the started local platform, with the LAPOR! simulator it runs
 * (driven through its control API), not a module stand-in. An officer drives each case through
 * case-service's officer API (HTTP Basic, Lebak's demo admin); what counts is what LAPOR! shows on
 * the report. channel-lapor is killed with SIGKILL between two steps and in the middle of a call,
 * and started again by {@code ./aduan start}.
 */
@StartedPlatform
class LaporEndToEndPlatformTest {

  private static final String LAPOR_ID = "LAPOR-LBK";
  private static final String OFFICER = LocalPlatform.admin("LBK");
  private static final Duration PATIENCE = Duration.ofSeconds(120);

  private final JsonMapper json = JsonMapper.builder().build();

  /**
   * Reads records as the services do: their personal fields cross the topic sealed with the local
   * platform's demo keys (docs/adr/0026), which a reader outside the services must open too.
   */
  private final CloudEvents topicReader =
      new CloudEvents(
          json, "e2e", new PersonalFields(PiiCipher.demo(LocalPlatform.DEMO_PASSWORD), json));

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private LocalPlatform platform;

  @BeforeEach
  void on(LocalPlatform platform) {
    this.platform = platform;
  }

  @Test
  void aDispositionedReportIsFollowedUpStepByStepInOrder_onceEach_throughTwoKillsOfTheAdapter()
      throws Exception {
    try (TopicProbe outbound =
        new TopicProbe("127.0.0.1:" + platform.kafkaPort(), Topics.OUTBOUND_LAPOR)) {
      String report =
          addReport(
              """
              {"title":"Bantuan PKH E2Esatu belum cair","content":"Bantuan PKH keluarga kami E2Esatu belum cair tiga bulan.",
               "classification":"pengaduan","category":{"id":"101","name":"Bantuan Sosial"},
               "anonymous":false,"confidential":false,
               "reporter":{"id":"u-e2e-1","name":"Warga Satu","phone":"6281200000101"}}
              """);
      String ticket = ticketOf("E2Esatu");

      // The acknowledgement reaches the report itself (it went to the reporter id before).
      awaitFollowUp(outbound, report, "ACKNOWLEDGEMENT");
      officer(ticket, "request-information", "{\"missing\":[\"identity\"],\"reason\":\"NIK\"}");
      awaitFollowUp(outbound, report, "INFORMATION_REQUEST");

      // Killed between two steps: the officer goes on while the adapter is down.
      kill();
      officer(ticket, "mark-complete", "{\"reason\":\"identitas ada di LAPOR!\"}");
      officer(ticket, "verify", "{}");
      officer(ticket, "route", "{\"division\":\"LINJAMSOS\"}");
      officer(ticket, "start-progress", "{}");
      int postsBefore = postsTo(report);
      // Killed again in the middle of a call: LAPOR! is slow to answer, takes the follow-up, and
      // the adapter dies before it learns so. Started again, it asks again with the same key.
      delay(3_000);
      restart();
      officer(ticket, "answer", "{\"text\":\"Bantuan Anda dijadwalkan cair minggu depan.\"}");
      await().atMost(PATIENCE).until(() -> postsTo(report) > postsBefore);
      kill();
      delay(0);
      restart();
      awaitFollowUp(outbound, report, "ANSWER");
      officer(
          ticket,
          "resolve",
          """
          {"summary":"Bantuan PKH telah cair.","beritaAcara":{"whatWasDone":"Verifikasi data dan pencairan bantuan",
           "doneBy":["lbk.admin"],"doneAt":"2026-03-10T03:00:00Z","citizenInformedVia":"SP4N-LAPOR!"}}
          """);
      awaitFollowUp(outbound, report, "RESOLUTION");
      await()
          .atMost(PATIENCE)
          .until(() -> report(report).path("status").asString().equals("selesai"));

      // What LAPOR! shows: every step of ours exactly once, in the order they were sent.
      List<JsonNode> sent = sentTo(outbound, report);
      List<String> expectedKeys =
          sent.stream()
              .filter(m -> !m.path("text").asString("").isBlank())
              .map(m -> m.get("eventId").asString() + "/follow-up")
              .toList();
      JsonNode shown = report(report);
      List<String> postedKeys =
          StreamSupport.stream(shown.get("follow_ups").spliterator(), false)
              .filter(f -> f.path("author").asString().equals("agency"))
              .map(f -> f.get("idempotency_key").asString())
              .toList();
      assertThat(postedKeys).doesNotHaveDuplicates().containsExactlyElementsOf(expectedKeys);
      List<String> purposes = sent.stream().map(m -> m.get("purpose").asString()).toList();
      assertThat(purposes)
          .containsSubsequence("ACKNOWLEDGEMENT", "INFORMATION_REQUEST", "ANSWER", "RESOLUTION");
      assertThat(shown.get("follow_ups").toString())
          .contains(
              ticket, "Bantuan Anda dijadwalkan cair minggu depan.", "Bantuan PKH telah cair.");
      // The only status change of ours is the resolution's, once.
      assertThat(shown.get("status_history")).hasSize(1);
      assertThat(shown.get("status_history").get(0).get("status").asString()).isEqualTo("selesai");

      // Reopened: the report says it is handled again and is back in progress (status table).
      officer(ticket, "reopen", "{\"reason\":\"Bantuan E2Esatu ternyata belum diterima.\"}");
      awaitFollowUp(outbound, report, "REOPENED");
      await()
          .atMost(PATIENCE)
          .until(() -> report(report).path("status").asString().equals("proses"));
      JsonNode reopened = report(report);
      assertThat(reopened.get("follow_ups").toString())
          .contains("dibuka kembali", "Bantuan E2Esatu ternyata belum diterima.");
      assertThat(reopened.get("status_history")).hasSize(2);
    }
  }

  @Test
  void notOurAuthorityReturnsTheReportWithTheReason_anotherReasonDoesNot() throws Exception {
    String elsewhere =
        addReport(
            """
            {"title":"Jalan rusak E2Edua","content":"Jalan desa E2Edua rusak parah sejak musim hujan.",
             "anonymous":false,"confidential":false,"reporter":{"id":"u-e2e-2","name":"Warga Dua"}}
            """);
    String notAComplaint =
        addReport(
            """
            {"title":"Salam E2Etiga","content":"Terima kasih atas pelayanan dinas E2Etiga selama ini.",
             "anonymous":true,"confidential":true,"reporter":{"id":"u-e2e-3","name":"Warga Tiga"}}
            """);
    String second = ticketOf("E2Edua");
    String third = ticketOf("E2Etiga");

    // A change made in LAPOR! itself comes back as an entry on the case's timeline, who and when.
    assertThat(
            control("POST", "/reports/" + elsewhere + "/status", "{\"status\":\"tunda\"}")
                .statusCode())
        .isEqualTo(200);
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () ->
                assertThat(get("/api/v1/cases/" + second).body())
                    .contains("lapor-change", "LAPOR!: status tunda"));

    officer(
        second,
        "reject",
        "{\"reasonCode\":\"NOT_AUTHORITY\",\"reason\":\"Kewenangan Dinas PUPR Kabupaten Lebak\"}");
    officer(
        third,
        "reject",
        "{\"reasonCode\":\"NOT_A_COMPLAINT\",\"reason\":\"Bukan pengaduan, ucapan terima kasih\"}");

    await()
        .atMost(PATIENCE)
        .until(() -> report(elsewhere).path("status").asString().equals("bukan_wewenang"));
    JsonNode returned = report(elsewhere).get("status_history");
    assertThat(returned).hasSize(1);
    assertThat(returned.get(0).get("note").asString())
        .contains("Kewenangan Dinas PUPR Kabupaten Lebak");
    await().atMost(PATIENCE).until(() -> report(notAComplaint).path("status_history").size() == 1);
    JsonNode closed = report(notAComplaint);
    assertThat(closed.get("status").asString()).isEqualTo("arsip");
    assertThat(closed.get("status_history").toString()).doesNotContain("bukan_wewenang");
    assertThat(closed.get("follow_ups").toString())
        .contains("Bukan pengaduan, ucapan terima kasih");
    // Anonymous and confidential held end to end: the case shows no reporter.
    assertThat(get("/api/v1/cases/" + third).body())
        .contains("\"anonymous\":true", "\"confidential\":true")
        .doesNotContain("Warga Tiga", "u-e2e-3");
  }

  /**
   * LAPOR!'s admin dispositions a report to another agency: the agency's listing no longer shows
   * it, channel-lapor's re-read does, and the case is closed by the system with LAPOR!'s who on its
   * timeline (its clocks stop on the rejection).
   */
  @Test
  void aReportDispositionedToAnotherAgencyClosesItsCase() throws Exception {
    String moved =
        addReport(
            """
            {"title":"Sampah E2Eempat","content":"Sampah di pasar E2Eempat menumpuk dua minggu.",
             "anonymous":false,"confidential":false,"reporter":{"id":"u-e2e-4","name":"Warga Empat"}}
            """);
    String ticket = ticketOf("E2Eempat");

    assertThat(
            control(
                    "POST",
                    "/reports/" + moved + "/dispositions",
                    "{\"from\":\"Admin Nasional\",\"to\":\"LAPOR-KLHK\"}")
                .statusCode())
        .isEqualTo(200);

    await()
        .atMost(PATIENCE)
        .until(
            () ->
                json.readTree(get("/api/v1/cases/" + ticket).body())
                    .path("status")
                    .asString()
                    .equals("REJECTED"));
    assertThat(get("/api/v1/cases/" + ticket).body())
        .contains(
            "lapor-change",
            "LAPOR! (Admin Nasional)",
            "LAPOR-KLHK",
            "didisposisikan ulang ke instansi lain oleh LAPOR!");
  }

  // --- the platform ---------------------------------------------------------------------------

  /** SIGKILL: no shutdown hook, no finishing the message at hand. */
  private void kill() {
    platform.kill("channel-lapor");
  }

  /** {@code ./aduan start}: starts what is missing, here channel-lapor. */
  private void restart() {
    platform.start();
  }

  // --- the officer and LAPOR! -----------------------------------------------------------------

  /** The ticket of the case opened for the report whose text holds {@code word}. */
  private String ticketOf(String word) {
    return await()
        .atMost(PATIENCE)
        .until(
            () -> {
              JsonNode items =
                  json.readTree(
                          get("/api/v1/cases?channel=LAPOR&q="
                                  + URLEncoder.encode(word, StandardCharsets.UTF_8))
                              .body())
                      .path("items");
              return items.isEmpty() ? null : items.get(0).get("ticket").asString();
            },
            t -> t != null);
  }

  /** An officer's action on the case, at the version the officer sees (as the UI sends it). */
  private void officer(String ticket, String action, String body) throws Exception {
    ObjectNode request = (ObjectNode) json.readTree(body);
    request.set("version", json.readTree(get("/api/v1/cases/" + ticket).body()).get("version"));
    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(
                    URI.create(platform.cases() + "/api/v1/cases/" + ticket + "/" + action))
                .header("Authorization", basic())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(request)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(action + ": " + response.body()).isBetween(200, 299);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(platform.cases() + path))
            .header("Authorization", basic())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String basic() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString(
                (OFFICER + ":" + LocalPlatform.DEMO_PASSWORD).getBytes(StandardCharsets.UTF_8));
  }

  /** The messages of this purpose sent to the report, each of which LAPOR! shows as posted. */
  private void awaitFollowUp(TopicProbe outbound, String report, String purpose) {
    await()
        .atMost(PATIENCE)
        .untilAsserted(
            () -> {
              List<String> keys =
                  sentTo(outbound, report).stream()
                      .filter(m -> m.get("purpose").asString().equals(purpose))
                      .map(m -> m.get("eventId").asString() + "/follow-up")
                      .toList();
              assertThat(keys).isNotEmpty();
              assertThat(report(report).get("follow_ups").toString())
                  .contains(keys.toArray(String[]::new));
            });
  }

  /** Every distinct message on outbound.lapor.v1 for the report, in the order of the topic. */
  private List<JsonNode> sentTo(TopicProbe outbound, String report) {
    List<String> ids = new ArrayList<>();
    List<JsonNode> messages = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : outbound.drain(Duration.ofMillis(300))) {
      JsonNode m = json.valueToTree(topicReader.read(r.value(), OutboundMessage.class));
      if (m.path("to").path("recipientId").asString().equals(report)
          && !ids.contains(m.get("eventId").asString())) {
        ids.add(m.get("eventId").asString());
        messages.add(m);
      }
    }
    return messages;
  }

  private int postsTo(String report) throws Exception {
    JsonNode calls = json.readTree(control("GET", "/calls", null).body());
    return (int)
        StreamSupport.stream(calls.spliterator(), false)
            .filter(c -> c.asString().equals("POST /api/v1/reports/" + report + "/follow-ups"))
            .count();
  }

  // --- the simulator's control API (docs/lapor.md) --------------------------------------------

  /** A report LAPOR!'s national admin dispositioned to Lebak; its tracking id. */
  private String addReport(String report) throws Exception {
    HttpResponse<String> added = control("POST", "/agencies/" + LAPOR_ID + "/reports", report);
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    return json.readTree(added.body()).get("tracking_id").asString();
  }

  /** The report as LAPOR! shows it now. */
  private JsonNode report(String trackingId) throws Exception {
    HttpResponse<String> report = control("GET", "/reports/" + trackingId, null);
    assertThat(report.statusCode()).as(report.body()).isEqualTo(200);
    return json.readTree(report.body());
  }

  /** Every LAPOR! call answers this much later (a slow LAPOR!). */
  private void delay(long millis) throws Exception {
    assertThat(control("POST", "/delay", "{\"millis\":" + millis + "}").statusCode())
        .isEqualTo(200);
  }

  private HttpResponse<String> control(String method, String path, String body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(platform.laporControl() + path))
            .timeout(Duration.ofSeconds(10))
            .header("Authorization", "Token " + LocalPlatform.LAPOR_TOKEN)
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
