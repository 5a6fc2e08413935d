package id.aduan.whatsapp.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import id.aduan.testsupport.ProviderStandIn;
import id.aduan.testsupport.ProviderStandIn.Answer;
import id.aduan.whatsapp.config.WhatsAppProperties;
import id.aduan.whatsapp.domain.SendFailure;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.util.unit.DataSize;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Graph API client against a local HTTP server: retries with backoff on transient errors only,
 * the circuit opening after repeated failures and closing again once the provider recovers, and the
 * two-step media download with an expired URL and the size limit.
 */
class GraphApiResilienceTest {

  private static final String SEND = "/v23.0/100000000000001/messages";
  private ProviderStandIn graph;
  private GraphApiClient client;
  private SimpleMeterRegistry meters;

  @BeforeEach
  void start() throws Exception {
    graph = new ProviderStandIn();
    meters = new SimpleMeterRegistry();
    WhatsAppProperties properties =
        new WhatsAppProperties(
            graph.baseUrl(),
            "secret",
            "verify",
            "token-1",
            DataSize.ofMegabytes(1),
            Duration.ofSeconds(2),
            3,
            Duration.ofMillis(5),
            50,
            4,
            Duration.ofMillis(500),
            80,
            Duration.ofMillis(1),
            Duration.ofSeconds(60),
            Duration.ofSeconds(2),
            2,
            Duration.ofMillis(2),
            Duration.ofSeconds(10),
            Duration.ofSeconds(60),
            5,
            List.of(),
            Duration.ofMillis(500),
            Duration.ofSeconds(10),
            Duration.ofMinutes(10),
            Duration.ofHours(12));
    client =
        new GraphApiClient(RestClient.builder(), properties, JsonMapper.builder().build(), meters);
  }

  @AfterEach
  void stop() {
    graph.close();
  }

  @Test
  void transientErrorsAreRetriedUntilTheSendSucceeds() {
    graph.script(SEND, Answer.error(500, 1), Answer.error(400, 131000));

    String wamid = client.sendText("100000000000001", "6281", "halo", null);

    assertThat(wamid).startsWith("wamid.OUT-");
    assertThat(graph.requests()).hasSize(3);
    assertThat(graph.requests())
        .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer token-1"));
  }

  @Test
  void throughputErrorIsRetriedAndGivesUpAfterTheAttempts() {
    graph.serve(SEND, Answer.error(400, 130429));

    assertThatThrownBy(() -> client.sendText("100000000000001", "6281", "halo", null))
        .isInstanceOfSatisfying(
            GraphApiException.class, e -> assertThat(e.failure()).isEqualTo(SendFailure.RETRY));
    assertThat(graph.requests()).hasSize(3);
  }

  @Test
  void finalErrorsAreNotRetried() {
    for (int code : List.of(131026, 131051, 131047, 190)) {
      graph.reset();
      graph.serve(SEND, Answer.error(code == 190 ? 401 : 400, code));

      assertThatThrownBy(() -> client.sendText("100000000000001", "6281", "halo", null))
          .isInstanceOfSatisfying(
              GraphApiException.class, e -> assertThat(e.code()).isEqualTo(code));
      assertThat(graph.requests()).as("code %d", code).hasSize(1);
    }
    assertThat(client.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
  }

  @Test
  void theCircuitOpensAfterRepeatedFailuresAndClosesWhenTheProviderRecovers() {
    graph.serve(SEND, Answer.error(503, 1));
    for (int i = 0; i < 4; i++) {
      assertThatThrownBy(() -> client.sendText("100000000000001", "6281", "halo", null))
          .isInstanceOf(GraphApiException.class);
    }
    assertThat(client.circuitState()).isEqualTo(CircuitBreaker.State.OPEN);
    int before = graph.requests().size();

    assertThatThrownBy(() -> client.sendText("100000000000001", "6281", "halo", null))
        .isInstanceOfSatisfying(
            GraphApiException.class, e -> assertThat(e.getMessage()).contains("circuit is open"));
    assertThat(graph.requests()).as("an open circuit calls nobody").hasSize(before);

    graph.reset();
    await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(100))
        .ignoreExceptions()
        .untilAsserted(
            () ->
                assertThat(client.sendText("100000000000001", "6281", "halo", null)).isNotBlank());
    assertThat(client.circuitState()).isEqualTo(CircuitBreaker.State.CLOSED);
    assertThat(meters.get("aduan.client.circuit.transitions").tag("to", "open").counter().count())
        .isEqualTo(1.0);
  }

  /**
   * The client never waits for a rate (a waiting consumer thread held back every other citizen's
   * message): pacing defers messages before they get here (PacingTest, WhatsAppPacingTest).
   */
  @Test
  void theClientSendsBackToBackToTheSameCitizenWithoutWaitingForARate() {
    client.sendText("100000000000001", "6281", "satu", null);
    client.sendText("100000000000001", "6281", "dua", null);
    client.sendText("100000000000001", "6281", "tiga", null);

    assertThat(graph.requestsMentioning("6281")).hasSize(3);
  }

  @Test
  void theDefaultsAreMetasEightyPerSecondPerNumberAndSixSecondsPerCitizen() {
    WhatsAppProperties defaults =
        new Binder(new MapConfigurationPropertySource(Map.of("aduan.whatsapp.app-secret", "s")))
            .bind("aduan.whatsapp", WhatsAppProperties.class)
            .get();

    assertThat(defaults.messagesPerSecond()).isEqualTo(80);
    assertThat(defaults.citizenInterval()).isEqualTo(Duration.ofSeconds(6));
  }

  @ParameterizedTest
  @ValueSource(ints = {404, 401})
  void mediaIsDownloadedInTwoStepsAndAnExpiredUrlIsFetchedAgain(int expired) throws Exception {
    byte[] file = "JPEG-BYTES".getBytes(StandardCharsets.UTF_8);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(file));
    graph.serve(
        "/v23.0/MEDIA-1",
        Answer.json(
            200,
            "{\"url\":\""
                + graph.root()
                + "/files/one\",\"mime_type\":\"image/jpeg\",\"sha256\":\""
                + sha
                + "\",\"file_size\":10,\"id\":\"MEDIA-1\"}"));
    graph.script("/files/one", Answer.json(expired, "{}"));
    graph.serve("/files/one", new Answer(200, "image/jpeg", file));

    GraphApiClient.Media media = client.downloadMedia("MEDIA-1", 1000);

    assertThat(media.bytes()).isEqualTo(file);
    assertThat(media.sha256()).isEqualTo(sha);
    assertThat(graph.requests())
        .extracting(ProviderStandIn.Request::path)
        .containsExactly("/v23.0/MEDIA-1", "/files/one", "/v23.0/MEDIA-1", "/files/one");
    assertThat(graph.requests())
        .allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer token-1"));
  }

  @Test
  void mediaOverTheLimitIsRefusedByItsAnnouncedSizeOrByWhatArrives() {
    graph.serve(
        "/v23.0/BIG",
        Answer.json(200, "{\"url\":\"" + graph.root() + "/files/big\",\"file_size\":5000}"));
    graph.serve(
        "/v23.0/LIAR",
        Answer.json(200, "{\"url\":\"" + graph.root() + "/files/big\",\"file_size\":10}"));
    graph.serve("/files/big", new Answer(200, "image/jpeg", new byte[5000]));

    assertThatThrownBy(() -> client.downloadMedia("BIG", 1000))
        .isInstanceOf(GraphApiClient.MediaTooLargeException.class);
    assertThat(graph.requestsMentioning(""))
        .extracting(ProviderStandIn.Request::path)
        .containsExactly("/v23.0/BIG");
    assertThatThrownBy(() -> client.downloadMedia("LIAR", 1000))
        .isInstanceOf(GraphApiClient.MediaTooLargeException.class);
  }
}
