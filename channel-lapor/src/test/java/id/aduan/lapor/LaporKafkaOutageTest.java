package id.aduan.lapor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import id.aduan.contracts.ComplaintReceived;
import id.aduan.contracts.Topics;
import id.aduan.lapor.domain.Watermark;
import id.aduan.lapor.persistence.Watermarks;
import id.aduan.platform.LaporSimulator;
import id.aduan.support.ProcessedKeys;
import id.aduan.support.messaging.CloudEvents;
import id.aduan.testsupport.InJvmMongo;
import id.aduan.testsupport.KafkaBrokerProcess;
import id.aduan.testsupport.TopicProbe;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The watermark rule against a Kafka broker that is really stopped (a broker process of its own):
 * while Kafka does not acknowledge, polls fail, the watermark and the version keys stay where they
 * were; once the broker is back the report is published exactly once and the watermark moves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LaporKafkaOutageTest {

  private static final Duration PATIENCE = Duration.ofSeconds(90);
  private KafkaBrokerProcess kafka;
  private LaporSimulator lapor;
  private ConfigurableApplicationContext app;

  @BeforeAll
  void start() throws Exception {
    kafka = new KafkaBrokerProcess();
    kafka.start(PATIENCE);
    kafka.createTopics(
        List.of(
            Topics.COMPLAINTS_INBOUND,
            Topics.dlq(Topics.COMPLAINTS_INBOUND),
            Topics.OUTBOUND_LAPOR,
            Topics.dlq(Topics.OUTBOUND_LAPOR),
            Topics.DELIVERY_RECEIPTS,
            Topics.dlq(Topics.DELIVERY_RECEIPTS)));
    lapor = new LaporSimulator("127.0.0.1", 0, "outage-token", Clock.systemUTC());
    app =
        LaporChannelApplication.builder()
            .run(
                kafka.withBinderArguments(
                    "--spring.mongodb.uri=" + InJvmMongo.freshDatabaseUri("lapor-outage"),
                    "--server.port=0",
                    "--aduan.lapor.base-url=" + lapor.baseUrl(),
                    "--aduan.lapor.token=outage-token",
                    "--aduan.lapor.poll-interval=300ms",
                    "--aduan.lapor.poll-initial-delay=0s"));
  }

  @AfterAll
  void stop() throws Exception {
    if (app != null) {
      app.close();
    }
    if (lapor != null) {
      lapor.close();
    }
    if (kafka != null) {
      kafka.close();
    }
  }

  @Test
  void whileKafkaIsDown_theWatermarkStays_andOnceItIsBackTheReportIsPublishedOnce()
      throws Exception {
    String before = lapor.addReport("LAPOR-BTN", report("Sebelum Kafka mati"));
    await().atMost(PATIENCE).until(() -> complaintsFor(before).size() == 1);
    await().atMost(PATIENCE).until(() -> !watermarks().of("LAPOR-BTN").equals(Watermark.START));
    Instant held = watermarks().of("LAPOR-BTN").value();

    kafka.stop();
    double failed = failedPolls();
    String during = lapor.addReport("LAPOR-BTN", report("Selama Kafka mati"));
    await().atMost(PATIENCE).until(() -> failedPolls() >= failed + 2);

    assertThat(watermarks().of("LAPOR-BTN").value()).isEqualTo(held);
    assertThat(reportKeys().seen("version", during + "/v1")).isFalse();

    kafka.start(PATIENCE);
    await().atMost(PATIENCE).until(() -> reportKeys().seen("version", during + "/v1"));

    assertThat(complaintsFor(during)).hasSize(1);
    assertThat(complaintsFor(before)).hasSize(1);
    assertThat(watermarks().of("LAPOR-BTN").value())
        .isEqualTo(
            Instant.parse(lapor.report(during).get("updated_at").asString())
                .truncatedTo(ChronoUnit.MILLIS));
  }

  private Watermarks watermarks() {
    return app.getBean(Watermarks.class);
  }

  private ProcessedKeys reportKeys() {
    return app.getBean("reportKeys", ProcessedKeys.class);
  }

  private double failedPolls() {
    return app
        .getBean(MeterRegistry.class)
        .find("aduan.lapor.polls")
        .tags("outcome", "failed", "reason", "PublishFailedException")
        .counters()
        .stream()
        .mapToDouble(c -> c.count())
        .sum();
  }

  private List<ComplaintReceived> complaintsFor(String trackingId) {
    CloudEvents cloudEvents = app.getBean(CloudEvents.class);
    try (TopicProbe probe = new TopicProbe(kafka.brokers(), Topics.COMPLAINTS_INBOUND)) {
      return probe.readToEnd(PATIENCE).stream()
          .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(trackingId))
          .map(r -> cloudEvents.read(r.value(), ComplaintReceived.class))
          .filter(c -> trackingId.equals(c.providerMessageId()))
          .toList();
    }
  }

  private static String report(String title) {
    return """
        {"title":"%s","content":"Isi %s","anonymous":false,"confidential":false,
         "reporter":{"id":"u-1","name":"Warga"}}
        """
        .formatted(title, title);
  }
}
