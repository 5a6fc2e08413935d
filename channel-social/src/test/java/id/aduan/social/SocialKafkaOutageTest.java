package id.aduan.social;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.Topics;
import id.aduan.support.HubSignature;
import id.aduan.support.ProcessedKeys;
import id.aduan.support.messaging.CloudEvents;
import id.aduan.testsupport.InJvmMongo;
import id.aduan.testsupport.KafkaBrokerProcess;
import id.aduan.testsupport.ProviderStandIn;
import id.aduan.testsupport.TopicProbe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /webhooks/meta} while the Kafka broker is really down: a broker process of its own is
 * stopped, the webhook must answer 503 with a problem body and remember nothing, and Meta's retry
 * after the broker is back must publish the message exactly once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SocialKafkaOutageTest {

  private static final String SECRET = "outage-secret";
  private static final String BABEL_PAGE = "200000000000002";
  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private final HttpClient http = HttpClient.newHttpClient();
  private final HubSignature signer = new HubSignature(SECRET);
  private KafkaBrokerProcess kafka;
  private ProviderStandIn graph;
  private ConfigurableApplicationContext app;
  private int port;

  @BeforeAll
  void start() throws Exception {
    kafka = new KafkaBrokerProcess();
    kafka.start(PATIENCE);
    kafka.createTopics(
        List.of(
            Topics.COMPLAINTS_INBOUND,
            Topics.dlq(Topics.COMPLAINTS_INBOUND),
            Topics.OUTBOUND_SOCIAL,
            Topics.dlq(Topics.OUTBOUND_SOCIAL),
            Topics.DELIVERY_RECEIPTS,
            Topics.dlq(Topics.DELIVERY_RECEIPTS)));
    graph = new ProviderStandIn();
    app =
        SocialChannelApplication.builder()
            .run(
                kafka.withBinderArguments(
                    "--spring.mongodb.uri=" + InJvmMongo.freshDatabaseUri("social-outage"),
                    "--server.port=0",
                    "--aduan.social.graph-base-url=" + graph.baseUrl(),
                    "--aduan.social.app-secret=" + SECRET,
                    "--aduan.social.verify-token=outage-verify",
                    "--aduan.social.page-access-token=page-token"));
    port = Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    if (graph != null) {
      graph.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void whileKafkaIsDown_theWebhookAnswers503AndRemembersNothing_andMetasRetryLaterPublishesOnce()
      throws Exception {
    String warmUp = "m_UP-" + UUID.randomUUID();
    assertThat(post(message(warmUp, "sebelum gangguan")).statusCode()).isEqualTo(200);
    String mid = "m_DOWN-" + UUID.randomUUID();
    byte[] body = message(mid, "Bantuan belum diterima saat Kafka mati");

    kafka.stop();
    HttpResponse<String> refused = post(body);

    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    JsonNode problem = JsonMapper.builder().build().readTree(refused.body());
    assertThat(problem.path("status").asInt()).isEqualTo(503);
    assertThat(problem.path("detail").asString()).contains("retry later");
    assertThat(refused.body()).doesNotContain("Bantuan belum diterima");
    assertThat(app.getBean(ProcessedKeys.class).seen("mid", mid))
        .as("the mid is not marked processed while Kafka has not acknowledged it")
        .isFalse();

    kafka.start(PATIENCE);
    // Meta retries until it gets a 200; the producer may need a moment to find the broker again.
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofSeconds(1))
        .until(() -> post(body).statusCode() == 200);
    HttpResponse<String> retriedAgain = post(body);

    assertThat(retriedAgain.statusCode()).isEqualTo(200);
    assertThat(app.getBean(ProcessedKeys.class).seen("mid", mid)).isTrue();
    assertThat(complaintsWith(mid))
        .singleElement()
        .satisfies(c -> assertThat(c.text()).isEqualTo("Bantuan belum diterima saat Kafka mati"));
    assertThat(complaintsWith(warmUp)).hasSize(1);
  }

  private List<ComplaintReceived> complaintsWith(String mid) {
    CloudEvents cloudEvents = app.getBean(CloudEvents.class);
    try (TopicProbe inbound = new TopicProbe(kafka.brokers(), Topics.COMPLAINTS_INBOUND)) {
      return inbound.readToEnd(PATIENCE).stream()
          .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(mid))
          .map(r -> cloudEvents.read(r.value(), ComplaintReceived.class))
          .filter(c -> mid.equals(c.providerMessageId()))
          .toList();
    }
  }

  private HttpResponse<String> post(byte[] body) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/webhooks/meta"))
            .header("Content-Type", "application/json")
            .header(HubSignature.HEADER, signer.signatureHeader(body))
            .timeout(Duration.ofSeconds(60))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] message(String mid, String text) {
    long now = Instant.now().toEpochMilli();
    return ("""
        {"object":"page","entry":[{"id":"%s","time":%d,"messaging":[
          {"sender":{"id":"psid-outage"},"recipient":{"id":"%s"},"timestamp":%d,
           "message":{"mid":"%s","text":"%s"}}]}]}"""
            .formatted(BABEL_PAGE, now, BABEL_PAGE, now, mid, text))
        .getBytes(StandardCharsets.UTF_8);
  }
}
