package id.aduan.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.aduan.cases.CaseServiceApplication;
import id.aduan.contracts.Topics;
import id.aduan.lapor.LaporChannelApplication;
import id.aduan.notification.NotificationServiceApplication;
import id.aduan.sla.SlaServiceApplication;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.InJvmMongo;
import id.aduan.testsupport.TopicProbe;
import java.io.File;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * SP4N-LAPOR! both ways (issue 19), with the LAPOR! simulator the local platform runs, not a module
 * stand-in: case-service, sla-service and notification-service in this JVM on the in-JVM broker and
 * MongoDB-protocol server, channel-lapor in a JVM of its own so that it can be killed with SIGKILL.
 * An officer drives each case through case-service's officer API (HTTP Basic, the demo account of
 * Lebak); what counts is what LAPOR! shows on the report.
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LaporEndToEndPlatformTest {

  private static final String TOKEN = "e2e-lapor-token";
  private static final String LAPOR_ID = "LAPOR-LBK";
  private static final String OFFICER = "lbk.admin";
  private static final String PASSWORD = "e2e-password";
  private static final Duration PATIENCE = Duration.ofSeconds(90);

  private final JsonMapper json = JsonMapper.builder().build();
  private final HttpClient http = HttpClient.newHttpClient();
  private final List<ConfigurableApplicationContext> services = new ArrayList<>();
  private LaporSimulator lapor;
  private String brokers;
  private String laporMongo;
  private int casesPort;
  private Process channelLapor;
  private int runs;

  @BeforeAll
  void startPlatform() throws Exception {
    brokers = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
    lapor = new LaporSimulator("127.0.0.1", 0, TOKEN, Clock.systemUTC());
    ConfigurableApplicationContext cases =
        start(
            CaseServiceApplication.builder(),
            "cases",
            "aduan.demo.enabled=true",
            "aduan.demo.password=" + PASSWORD,
            "aduan.cases.outbox-sweep-interval=200ms");
    casesPort = Integer.parseInt(cases.getEnvironment().getProperty("local.server.port"));
    start(SlaServiceApplication.builder(), "sla");
    start(NotificationServiceApplication.builder(), "notification");
    laporMongo = InJvmMongo.freshDatabaseUri("e2e-lapor");
    channelLapor = startChannelLapor();
  }

  @AfterAll
  void stopPlatform() throws Exception {
    if (channelLapor != null && channelLapor.isAlive()) {
      channelLapor.destroy();
      if (!channelLapor.waitFor(30, TimeUnit.SECONDS)) {
        channelLapor.destroyForcibly();
      }
    }
    services.reversed().forEach(ConfigurableApplicationContext::close);
    if (lapor != null) {
      lapor.close();
    }
  }

  @Test
  void aDispositionedReportIsFollowedUpStepByStepInOrder_onceEach_throughTwoKillsOfTheAdapter()
      throws Exception {
    try (TopicProbe outbound = new TopicProbe(brokers, Topics.OUTBOUND_LAPOR)) {
      String report =
          lapor.addReport(
              LAPOR_ID,
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
      lapor.delay(3_000);
      channelLapor = startChannelLapor();
      officer(ticket, "answer", "{\"text\":\"Bantuan Anda dijadwalkan cair minggu depan.\"}");
      await().atMost(PATIENCE).until(() -> postsTo(report) > postsBefore);
      kill();
      lapor.delay(0);
      channelLapor = startChannelLapor();
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
          .until(() -> lapor.snapshot(report).path("status").asString().equals("selesai"));

      // What LAPOR! shows: every step of ours exactly once, in the order they were sent.
      List<JsonNode> sent = sentTo(outbound, report);
      List<String> expectedKeys =
          sent.stream()
              .filter(m -> !m.path("text").asString("").isBlank())
              .map(m -> m.get("eventId").asString() + "/follow-up")
              .toList();
      JsonNode shown = lapor.snapshot(report);
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
    }
  }

  @Test
  void notOurAuthorityReturnsTheReportWithTheReason_anotherReasonDoesNot() throws Exception {
    String elsewhere =
        lapor.addReport(
            LAPOR_ID,
            """
            {"title":"Jalan rusak E2Edua","content":"Jalan desa E2Edua rusak parah sejak musim hujan.",
             "anonymous":false,"confidential":false,"reporter":{"id":"u-e2e-2","name":"Warga Dua"}}
            """);
    String notAComplaint =
        lapor.addReport(
            LAPOR_ID,
            """
            {"title":"Salam E2Etiga","content":"Terima kasih atas pelayanan dinas E2Etiga selama ini.",
             "anonymous":true,"confidential":true,"reporter":{"id":"u-e2e-3","name":"Warga Tiga"}}
            """);
    String second = ticketOf("E2Edua");
    String third = ticketOf("E2Etiga");

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
        .until(() -> lapor.snapshot(elsewhere).path("status").asString().equals("bukan_wewenang"));
    JsonNode returned = lapor.snapshot(elsewhere).get("status_history");
    assertThat(returned).hasSize(1);
    assertThat(returned.get(0).get("note").asString())
        .contains("Kewenangan Dinas PUPR Kabupaten Lebak");
    await()
        .atMost(PATIENCE)
        .until(() -> lapor.snapshot(notAComplaint).path("status_history").size() == 1);
    JsonNode closed = lapor.snapshot(notAComplaint);
    assertThat(closed.get("status").asString()).isEqualTo("arsip");
    assertThat(closed.get("status_history").toString()).doesNotContain("bukan_wewenang");
    assertThat(closed.get("follow_ups").toString())
        .contains("Bukan pengaduan, ucapan terima kasih");
    // Anonymous and confidential held end to end: the case shows no reporter.
    assertThat(get("/api/v1/cases/" + third).body())
        .contains("\"anonymous\":true", "\"confidential\":true")
        .doesNotContain("Warga Tiga", "u-e2e-3");
  }

  // --- the platform ---------------------------------------------------------------------------

  private ConfigurableApplicationContext start(
      SpringApplicationBuilder builder, String name, String... extra) {
    List<String> properties =
        new ArrayList<>(
            List.of(
                "spring.cloud.stream.kafka.binder.brokers=" + brokers,
                "spring.mongodb.uri=" + InJvmMongo.freshDatabaseUri("e2e-" + name),
                "server.port=0"));
    properties.addAll(List.of(extra));
    ConfigurableApplicationContext context =
        builder.run(properties.stream().map(p -> "--" + p).toArray(String[]::new));
    services.add(context);
    return context;
  }

  /** channel-lapor in a JVM of its own (this module's classpath), its output in target/. */
  private Process startChannelLapor() throws Exception {
    runs++;
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m",
                "-XX:TieredStopAtLevel=1",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                LaporChannelApplication.class.getName(),
                "--spring.cloud.stream.kafka.binder.brokers=" + brokers,
                "--spring.mongodb.uri=" + laporMongo,
                "--server.port=0",
                "--aduan.lapor.base-url=" + lapor.baseUrl(),
                "--aduan.lapor.token=" + TOKEN,
                "--aduan.lapor.poll-interval=500ms",
                "--aduan.lapor.overlap=1m"));
    Path log = Path.of("target", "lapor-e2e-run-" + runs + ".log");
    Files.createDirectories(log.getParent());
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .directory(new File("."))
        .start();
  }

  /** SIGKILL: no shutdown hook, no finishing the message at hand. */
  private void kill() throws Exception {
    channelLapor.destroyForcibly();
    assertThat(channelLapor.waitFor(60, TimeUnit.SECONDS)).isTrue();
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
                    URI.create(
                        "http://127.0.0.1:" + casesPort + "/api/v1/cases/" + ticket + "/" + action))
                .header("Authorization", basic())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(request)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(action + ": " + response.body()).isBetween(200, 299);
  }

  private HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + casesPort + path))
            .header("Authorization", basic())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String basic() {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((OFFICER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
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
              assertThat(lapor.snapshot(report).get("follow_ups").toString())
                  .contains(keys.toArray(String[]::new));
            });
  }

  /** Every distinct message on outbound.lapor.v1 for the report, in the order of the topic. */
  private List<JsonNode> sentTo(TopicProbe outbound, String report) {
    List<String> ids = new ArrayList<>();
    List<JsonNode> messages = new ArrayList<>();
    for (ConsumerRecord<String, byte[]> r : outbound.drain(Duration.ofMillis(300))) {
      JsonNode m = json.readTree(r.value());
      if (m.path("to").path("recipientId").asString().equals(report)
          && !ids.contains(m.get("eventId").asString())) {
        ids.add(m.get("eventId").asString());
        messages.add(m);
      }
    }
    return messages;
  }

  private int postsTo(String report) {
    return (int)
        lapor.calls().stream()
            .filter(c -> c.equals("POST /api/v1/reports/" + report + "/follow-ups"))
            .count();
  }
}
