package id.aduan.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.aduan.cases.CaseServiceApplication;
import id.aduan.contracts.Topics;
import id.aduan.notification.NotificationServiceApplication;
import id.aduan.sla.SlaServiceApplication;
import id.aduan.support.HubSignature;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.AduanService;
import id.aduan.testsupport.ProviderStandIn;
import id.aduan.testsupport.TopicProbe;
import id.aduan.whatsapp.WhatsAppApplication;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The walking skeleton through every service that takes part, on the in-JVM KRaft broker and the
 * MongoDB-protocol server, with a local HTTP server standing in for the Graph API: one signed
 * webhook gives exactly one case and exactly one acknowledgement carrying that case's ticket, also
 * when Meta delivers it three times; a wrongly signed one gives 401 and nothing else.
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
// The trace test last: the others count what is on the topics and at the Graph API stand-in.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WalkingSkeletonEndToEndTest {

  private static final String SECRET = "e2e-app-secret";
  private static final Pattern TICKET = Pattern.compile("BDG-\\d{4}-\\d{6}");

  /**
   * Only case-service has Spring Security; in this shared JVM it is on every service's classpath,
   * so the others leave it out as they do when they run from their own jars.
   */
  static final String WITHOUT_SECURITY =
      "spring.autoconfigure.exclude="
          + String.join(
              ",",
              "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
              "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
              "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
              "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
              "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration");

  private final HttpClient http = HttpClient.newHttpClient();

  /** Every service's finished spans (each context hands its spans to this exporter too). */
  private static final InMemorySpanExporter spans = InMemorySpanExporter.create();

  private static final ProviderStandIn graph = new ProviderStandIn();

  // Started in @Order, closed in the reverse order.
  @RegisterExtension
  @Order(1)
  static final AduanService cases =
      service(CaseServiceApplication::builder, "cases")
          .property("aduan.demo.enabled", true)
          .property("aduan.demo.password", "e2e-password")
          .property("aduan.cases.outbox-sweep-interval", "200ms");

  @RegisterExtension
  @Order(2)
  static final AduanService sla =
      service(SlaServiceApplication::builder, "sla").properties(WITHOUT_SECURITY);

  @RegisterExtension
  @Order(3)
  static final AduanService notification =
      service(NotificationServiceApplication::builder, "notification").properties(WITHOUT_SECURITY);

  @RegisterExtension
  @Order(4)
  static final AduanService whatsapp =
      service(WhatsAppApplication::builder, "whatsapp")
          .properties(WITHOUT_SECURITY)
          .property("aduan.whatsapp.graph-base-url", graph::baseUrl)
          .property("aduan.whatsapp.app-secret", SECRET)
          .property("aduan.whatsapp.verify-token", "e2e-verify")
          .property("aduan.whatsapp.access-token", "e2e-token")
          .thenClose(graph);

  private static AduanService service(Supplier<SpringApplicationBuilder> application, String name) {
    return AduanService.of(application, "e2e-" + name)
        // As in production: personal fields cross every topic sealed, and each service
        // reads what the others wrote (docs/adr/0026; test-support turns it off elsewhere).
        .property("aduan.pii.topic-encryption", true)
        .property("management.opentelemetry.tracing.export.schedule-delay", "100ms")
        .initializer(c -> c.getBeanFactory().registerSingleton("e2eSpans", spans));
  }

  @Test
  void oneSignedWebhookDeliveredThreeTimesGivesOneCaseAndOneAcknowledgementWithItsTicket()
      throws Exception {
    byte[] body =
        webhook("wamid.E2E-ONE", "Bantuan PKH ibu saya belum cair sejak Januari, mohon dibantu");

    for (int delivery = 0; delivery < 3; delivery++) {
      assertThat(post(body, new HubSignature(SECRET).signatureHeader(body)).statusCode())
          .isEqualTo(200);
    }

    await().atMost(Duration.ofSeconds(60)).until(() -> !graph.requests().isEmpty());
    // Give any duplicate time to show up before asserting there is none. The outbox may publish
    // an event twice (at-least-once); what must be unique is the event and the case.
    try (TopicProbe cases = new TopicProbe(whatsapp.brokers(), Topics.CASES_EVENTS)) {
      var openedIds =
          cases.drain(Duration.ofSeconds(3)).stream()
              .filter(r -> header(r, "ce_type").equals("id.aduan.case.opened.v1"))
              .map(r -> header(r, "ce_id"))
              .distinct()
              .toList();
      assertThat(openedIds).hasSize(1);
    }
    // The message lacks the KK and KTP Bandung requires, so a request for them follows the
    // acknowledgement; what must be unique is the acknowledgement.
    List<ProviderStandIn.Request> sends =
        graph.requests().stream().filter(r -> r.body().contains("nomor tiket")).toList();
    assertThat(sends).hasSize(1);
    ProviderStandIn.Request ack = sends.getFirst();
    assertThat(ack.path()).isEqualTo("/v23.0/100000000000001/messages");
    assertThat(ack.authorization()).isEqualTo("Bearer e2e-token");
    assertThat(ack.body()).contains("\"to\":\"6281234567890\"").contains("nomor tiket");
    Matcher ticket = TICKET.matcher(ack.body());
    assertThat(ticket.find()).isTrue();

    HttpResponse<String> caseView = getCase(ticket.group(), "bdg.admin");
    assertThat(caseView.statusCode()).isEqualTo(200);
    assertThat(caseView.body())
        .contains("\"ticket\":\"" + ticket.group() + "\"")
        .contains("\"status\":\"INCOMPLETE\"")
        .contains("Bantuan PKH ibu saya");
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(getCase(ticket.group(), "bdg.admin").body())
                    .contains("\"completion\":{\"clock\":\"completion\""));
    assertThat(getCase(ticket.group(), "btn.admin").statusCode())
        .as("another agency's officer")
        .isEqualTo(404);
  }

  /**
   * The webhook comes with a trace context of its own choosing, so that the test finds its trace
   * among the others: it must reach every service the complaint touches, through the webhook's own
   * producer, the case's outbox and every Kafka hop between them, to the Graph API call.
   */
  @Test
  @Order(Integer.MAX_VALUE)
  void oneComplaintIsOneTraceThroughEveryServiceItTouchesAndEveryStageIsTimed() throws Exception {
    String traceId = HexFormat.of().formatHex(randomBytes(16));
    String traceparent = "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";
    // A citizen of its own: a second message of the other tests' citizen would join their case
    // and open none, so nothing would be acknowledged.
    byte[] body =
        webhook(
            "wamid.E2E-TRACED",
            "Lampu jalan di depan rumah saya mati sejak Senin",
            "6281298765432");

    HttpResponse<String> response =
        http.send(
            HttpRequest.newBuilder(URI.create(whatsapp.baseUrl() + "/webhooks/whatsapp"))
                .header("Content-Type", "application/json")
                .header("X-Hub-Signature-256", new HubSignature(SECRET).signatureHeader(body))
                .header("traceparent", traceparent)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);

    // channel-whatsapp twice: the webhook that produced the complaint, and the consumer of the
    // acknowledgement notification-service sent back on outbound.whatsapp.v1.
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(spansOf(traceId))
                    .contains(
                        "channel-whatsapp/SERVER",
                        "case-service/CONSUMER",
                        "case-service/PRODUCER",
                        "sla-service/CONSUMER",
                        "notification-service/CONSUMER",
                        "notification-service/PRODUCER",
                        "channel-whatsapp/CONSUMER"));

    // Each stage of that way is timed where it ends, with histogram buckets for its quantiles.
    assertThat(stageCount("channel-whatsapp", "webhook_ack")).isPositive();
    assertThat(stageCount("case-service", "intake_to_case")).isPositive();
    assertThat(stageCount("sla-service", "case_to_sla_clock")).isPositive();
    assertThat(stageCount("channel-whatsapp", "notification_to_provider")).isPositive();
    String scrape =
        http.send(
                HttpRequest.newBuilder(URI.create(whatsapp.baseUrl() + "/actuator/prometheus"))
                    .build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    assertThat(scrape)
        .containsPattern("aduan_stage_latency_seconds_bucket\\{[^}]*stage=\"webhook_ack\"");
  }

  /** The services in the order they started. */
  private static List<AduanService> services() {
    return List.of(cases, sla, notification, whatsapp);
  }

  private long stageCount(String service, String stage) {
    ConfigurableApplicationContext context =
        services().stream()
            .map(AduanService::context)
            .filter(c -> service.equals(c.getEnvironment().getProperty("spring.application.name")))
            .findFirst()
            .orElseThrow();
    var timer =
        context
            .getBean(io.micrometer.core.instrument.MeterRegistry.class)
            .find("aduan.stage.latency")
            .tag("stage", stage)
            .timer();
    return timer == null ? 0 : timer.count();
  }

  /** The trace's spans as {@code <service.name>/<kind>}. */
  private java.util.Set<String> spansOf(String traceId) {
    return spans.getFinishedSpanItems().stream()
        .filter(s -> s.getTraceId().equals(traceId))
        .map(
            s ->
                s.getResource().getAttribute(AttributeKey.stringKey("service.name"))
                    + "/"
                    + s.getKind())
        .collect(java.util.stream.Collectors.toSet());
  }

  private static byte[] randomBytes(int n) {
    byte[] bytes = new byte[n];
    new java.security.SecureRandom().nextBytes(bytes);
    return bytes;
  }

  @Test
  void everyServiceReportsItselfHealthyOnTheMongoDbStandInAndTheBroker() throws Exception {
    for (AduanService service : services()) {
      HttpResponse<String> health =
          http.send(
              HttpRequest.newBuilder(URI.create(service.baseUrl() + "/actuator/health")).build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(health.body())
          .as(service.context().getEnvironment().getProperty("spring.application.name"))
          .contains("\"status\":\"UP\"");
    }
  }

  @Test
  void aWronglySignedWebhookIsRefusedAndOpensNoCase() throws Exception {
    byte[] body = webhook("wamid.E2E-FORGED", "pesan palsu");
    byte[] other = webhook("wamid.E2E-OTHER", "pesan lain");

    HttpResponse<String> response = post(body, new HubSignature(SECRET).signatureHeader(other));

    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    try (TopicProbe inbound = new TopicProbe(whatsapp.brokers(), Topics.COMPLAINTS_INBOUND)) {
      assertThat(inbound.drain(Duration.ofSeconds(3)))
          .noneMatch(
              r -> new String(r.value(), StandardCharsets.UTF_8).contains("wamid.E2E-FORGED"));
    }
  }

  private static String header(ConsumerRecord<String, byte[]> record, String name) {
    return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private HttpResponse<String> post(byte[] body, String signature) throws Exception {
    return http.send(
        HttpRequest.newBuilder(URI.create(whatsapp.baseUrl() + "/webhooks/whatsapp"))
            .header("Content-Type", "application/json")
            .header("X-Hub-Signature-256", signature)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> getCase(String ticket, String officer) throws Exception {
    String basic =
        Base64.getEncoder()
            .encodeToString((officer + ":e2e-password").getBytes(StandardCharsets.UTF_8));
    return http.send(
        HttpRequest.newBuilder(URI.create(cases.baseUrl() + "/api/v1/cases/" + ticket))
            .header("Authorization", "Basic " + basic)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static byte[] webhook(String wamid, String text) {
    return webhook(wamid, text, "6281234567890");
  }

  private static byte[] webhook(String wamid, String text, String sender) {
    long now = Instant.now().getEpochSecond();
    return """
        {"object":"whatsapp_business_account","entry":[{"id":"102290129340398","changes":[{"field":"messages",
        "value":{"messaging_product":"whatsapp","metadata":{"display_phone_number":"6281221742841","phone_number_id":"100000000000001"},
        "contacts":[{"profile":{"name":"Siti Aminah"},"wa_id":"%1$s"}],
        "messages":[{"from":"%1$s","id":"%2$s","timestamp":"%3$d","type":"text","text":{"body":"%4$s"}}]}}]}]}
        """
        .formatted(sender, wamid, now, text)
        .getBytes(StandardCharsets.UTF_8);
  }
}
