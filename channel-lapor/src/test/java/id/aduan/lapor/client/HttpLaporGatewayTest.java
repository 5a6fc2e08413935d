package id.aduan.lapor.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import id.aduan.lapor.config.LaporProperties;
import id.aduan.lapor.domain.LaporGateway;
import id.aduan.lapor.domain.LaporGateway.FetchedFile;
import id.aduan.lapor.domain.LaporReport;
import id.aduan.platform.LaporSimulator;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP transport against the LAPOR! simulator: the format configured per agency, answers read
 * by their Content-Type whatever was asked, XML request bodies with idempotency keys, and
 * attachment downloads with a size cap and the token sent to LAPOR! only.
 */
class HttpLaporGatewayTest {

  private static final String TOKEN = "gateway-token";
  private LaporSimulator lapor;

  @BeforeEach
  void start() throws Exception {
    lapor = new LaporSimulator("127.0.0.1", 0, TOKEN, Clock.systemUTC());
  }

  @AfterEach
  void stop() {
    lapor.close();
  }

  @Test
  void givenAnAgencyConfiguredForXml_thenItsReportsAreAskedAndReadAsXml() {
    lapor.addReport("LAPOR-XML", report("Laporan lewat XML & <tanda>"));
    lapor.addReport("LAPOR-JSON", report("Laporan lewat JSON"));
    HttpLaporGateway gateway = gateway(LaporProperties.Format.JSON, Map.of("LAPOR-XML", xml()));

    LaporGateway.Page asXml = gateway.listUpdated("LAPOR-XML", Instant.EPOCH, null);
    LaporGateway.Page asJson = gateway.listUpdated("LAPOR-JSON", Instant.EPOCH, null);

    assertThat(asXml.raw()).startsWith("<?xml");
    assertThat(asXml.reports())
        .singleElement()
        .satisfies(r -> assertThat(r.title()).isEqualTo("Laporan lewat XML & <tanda>"));
    assertThat(asJson.raw()).startsWith("{");
    assertThat(asJson.reports())
        .extracting(LaporReport::title)
        .containsExactly("Laporan lewat JSON");
  }

  @Test
  void givenLaporAnswersXmlThoughJsonWasAsked_thenTheAnswerIsReadByItsContentType() {
    lapor.addReport("LAPOR-BTN", report("Jawaban dalam XML"));
    lapor.answerFormat("xml");
    HttpLaporGateway gateway = gateway(LaporProperties.Format.JSON, Map.of());

    LaporGateway.Page page = gateway.listUpdated("LAPOR-BTN", Instant.EPOCH, null);

    assertThat(page.raw()).startsWith("<?xml");
    assertThat(page.reports()).extracting(LaporReport::title).containsExactly("Jawaban dalam XML");
    assertThat(gateway.topics().topics()).extracting(LaporGateway.Topic::id).contains("100", "101");
  }

  @Test
  void givenXmlConfigured_thenFollowUpsAndStatusChangesGoAsXml_andAKeyRepeatedPostsNothing() {
    String id = lapor.addReport("LAPOR-BTN", report("Dijawab dalam XML"));
    HttpLaporGateway gateway = gateway(xml(), Map.of());

    String first =
        gateway.postFollowUp(id, "Sedang kami proses <segera> & tuntas.", List.of(), "k1");
    String again =
        gateway.postFollowUp(id, "Sedang kami proses <segera> & tuntas.", List.of(), "k1");
    gateway.changeStatus(id, "bukan_wewenang", "Bukan kewenangan kami.", "k2");
    gateway.changeStatus(id, "bukan_wewenang", "Bukan kewenangan kami.", "k2");

    assertThat(again).isEqualTo(first).startsWith("FU-");
    var stored = lapor.report(id);
    assertThat(stored.get("follow_ups")).hasSize(1);
    assertThat(stored.get("follow_ups").get(0).get("text").asString())
        .isEqualTo("Sedang kami proses <segera> & tuntas.");
    assertThat(stored.get("status").asString()).isEqualTo("bukan_wewenang");
    assertThat(stored.get("status_history")).hasSize(1);
    assertThat(stored.get("status_history").get(0).get("note").asString())
        .isEqualTo("Bukan kewenangan kami.");
  }

  @Test
  void givenAWrongToken_thenTheCallFailsWithoutRetrying() {
    HttpLaporGateway gateway =
        new HttpLaporGateway(
            RestClient.builder(),
            properties("wrong", LaporProperties.Format.JSON, Map.of()),
            JsonMapper.builder().build(),
            new SimpleMeterRegistry());

    assertThatThrownBy(() -> gateway.topics())
        .isInstanceOf(LaporCallFailedException.class)
        .hasMessageContaining("401");
    assertThat(lapor.calls()).containsExactly("GET /api/v1/topics");
  }

  @Test
  void givenLaporKeepsFailing_thenTheCircuitBreakerOpensAndCallsFailFastWithoutReachingIt() {
    lapor.failNext(1000, 503);
    HttpLaporGateway gateway = gateway(LaporProperties.Format.JSON, Map.of());
    for (int i = 0; i < 5; i++) {
      assertThatThrownBy(gateway::topics).hasMessageContaining("HTTP 503");
    }
    int reached = lapor.calls().size();

    assertThatThrownBy(gateway::topics)
        .isInstanceOf(LaporCallFailedException.class)
        .hasMessageContaining("CallNotPermittedException");
    assertThat(lapor.calls()).hasSize(reached);
  }

  @Test
  void attachmentsAreFetchedUpToTheLimit_andAFailureIsAnAnswerNotAnException() {
    byte[] photo = "FOTO-JALAN-RUSAK".getBytes(StandardCharsets.UTF_8);
    String small = lapor.addFile("f-small", "image/jpeg", photo);
    String big = lapor.addFile("f-big", "image/jpeg", new byte[2048]);
    String flaky = lapor.addFile("f-flaky", "image/png", photo);
    lapor.failFile("f-flaky", 1);
    HttpLaporGateway gateway = gateway(LaporProperties.Format.JSON, Map.of());

    FetchedFile fetched = gateway.fetch(small, 1024);
    FetchedFile tooLarge = gateway.fetch(big, 1024);
    FetchedFile failed = gateway.fetch(flaky, 1024);
    FetchedFile missing = gateway.fetch(lapor.baseUrl() + "/files/none", 1024);

    assertThat(fetched.outcome()).isEqualTo(FetchedFile.Outcome.FETCHED);
    assertThat(fetched.bytes()).isEqualTo(photo);
    assertThat(fetched.mediaType()).isEqualTo("image/jpeg");
    assertThat(tooLarge.outcome()).isEqualTo(FetchedFile.Outcome.TOO_LARGE);
    assertThat(failed.outcome()).isEqualTo(FetchedFile.Outcome.FAILED);
    assertThat(failed.failure()).isEqualTo("HTTP 503");
    assertThat(gateway.fetch(flaky, 1024).outcome()).isEqualTo(FetchedFile.Outcome.FETCHED);
    assertThat(missing.failure()).isEqualTo("HTTP 404");
  }

  @Test
  void theTokenGoesToLaporOnly_neverToAnotherHostAnAttachmentUrlNames() throws Exception {
    AtomicReference<String> seen = new AtomicReference<>("none");
    HttpServer elsewhere = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    elsewhere.createContext(
        "/",
        exchange -> {
          seen.set(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
          exchange.sendResponseHeaders(200, 2);
          exchange.getResponseBody().write("ok".getBytes(StandardCharsets.UTF_8));
          exchange.close();
        });
    elsewhere.start();
    try {
      FetchedFile file =
          gateway(LaporProperties.Format.JSON, Map.of())
              .fetch("http://127.0.0.1:" + elsewhere.getAddress().getPort() + "/cdn/f1", 1024);

      assertThat(file.outcome()).isEqualTo(FetchedFile.Outcome.FETCHED);
      assertThat(seen.get()).isEqualTo("null");
    } finally {
      elsewhere.stop(0);
    }
  }

  private HttpLaporGateway gateway(
      LaporProperties.Format format, Map<String, LaporProperties.Format> formats) {
    return new HttpLaporGateway(
        RestClient.builder(),
        properties(TOKEN, format, formats),
        JsonMapper.builder().build(),
        new SimpleMeterRegistry());
  }

  private LaporProperties properties(
      String token, LaporProperties.Format format, Map<String, LaporProperties.Format> formats) {
    return new LaporProperties(
        lapor.baseUrl(),
        token,
        Duration.ofSeconds(30),
        Duration.ofMinutes(10),
        50,
        20,
        Duration.ofHours(6),
        Duration.ofSeconds(5),
        new LaporProperties.Retry(2, Duration.ofMillis(10), 50, Duration.ofSeconds(1)),
        new LaporProperties.StatusMap(Map.of(), Map.of()),
        Map.of(),
        format,
        formats,
        new LaporProperties.Attachments(DataSize.ofKilobytes(1), Duration.ofMinutes(1), 3),
        20);
  }

  private static LaporProperties.Format xml() {
    return LaporProperties.Format.XML;
  }

  private static String report(String title) {
    return """
        {"title":%s,"content":"Isi","anonymous":false,"confidential":false,
         "reporter":{"id":"u-1","name":"Warga"}}
        """
        .formatted(JsonMapper.builder().build().writeValueAsString(title));
  }
}
