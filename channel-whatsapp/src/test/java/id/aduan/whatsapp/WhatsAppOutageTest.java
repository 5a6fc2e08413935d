package id.aduan.whatsapp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import de.bwaldvogel.mongo.MongoServer;
import id.aduan.contracts.Channel;
import id.aduan.contracts.CloudEventHeaders;
import id.aduan.contracts.OutboundMessage;
import id.aduan.contracts.ReplyAddress;
import id.aduan.contracts.Topics;
import id.aduan.mongo.IndexingMemoryBackend;
import id.aduan.support.messaging.EventPublisher;
import id.aduan.testsupport.AduanKafka;
import id.aduan.testsupport.ProviderStandIn;
import id.aduan.testsupport.TopicProbe;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.condition.EmbeddedKafkaCondition;

/**
 * Transient failures are retried later, never dead-lettered (docs/adr/0041), on the real in-JVM
 * broker, a MongoDB-protocol server of its own (so that it can be stopped) and the provider
 * stand-in: a provider that fails a citizen's sends defers that citizen's message (the next
 * citizen's goes out meanwhile) and sends it exactly once after recovery; a permanent refusal is
 * dead-lettered with its reason; a record that arrives while MongoDB is stopped is polled again,
 * beyond the binding's retry budget, and sent once the store answers, with nothing in the dead
 * letters; a store that stops right after the provider accepted a message (before the part is
 * recorded) never makes the message go out twice (docs/adr/0050). The service's clock is moved by
 * hand past the backoff.
 */
@AduanKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WhatsAppOutageTest {

  private static final String NUMBER = "100000000000072";
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final WhatsAppPacingTest.HandClock CLOCK = WhatsAppPacingTest.clock();

  private ProviderStandIn graph;
  private MongoServer mongo;
  private int mongoPort;
  private ConfigurableApplicationContext service;
  private String brokers;

  @BeforeAll
  void start() throws Exception {
    graph = new ProviderStandIn();
    brokers = EmbeddedKafkaCondition.getBroker().getBrokersAsString();
    startMongo(0);
    mongoPort = mongo.getLocalAddress().getPort();
    Path agencies = Files.createTempDirectory("whatsapp-outage-agencies");
    Files.writeString(
        agencies.resolve("out.yaml"),
        """
        code: OUT
        name: Dinas Contoh Gangguan
        timeZone: Asia/Jakarta
        language: id
        standard:
          file: none.txt
        channels:
          whatsapp:
            phoneNumberId: "%s"
            displayNumber: "+6281100000072"
            windowTemplate: pemberitahuan_umum
            windowTemplateLanguage: id
        """
            .formatted(NUMBER));
    service =
        WhatsAppApplication.builder()
            .sources(WhatsAppPacingTest.HandClockSource.class)
            .run(
                "--spring.cloud.stream.kafka.binder.brokers=" + brokers,
                "--spring.mongodb.uri=mongodb://127.0.0.1:"
                    + mongoPort
                    + "/whatsapp-outage?serverSelectionTimeoutMS=500&connectTimeoutMS=500",
                "--server.port=0",
                "--aduan.whatsapp.graph-base-url=" + graph.baseUrl(),
                "--aduan.whatsapp.app-secret=outage-secret",
                "--aduan.whatsapp.verify-token=outage-verify",
                "--aduan.whatsapp.access-token=outage-token",
                "--aduan.agencies.dir=" + agencies,
                "--aduan.whatsapp.retry-backoff=5ms",
                "--aduan.whatsapp.circuit-minimum-calls=100",
                "--aduan.whatsapp.citizen-interval=1ms",
                "--aduan.whatsapp.deferred-poll-interval=50ms",
                "--aduan.messaging.store-outage-max-wait=200ms",
                "--spring.cloud.stream.default.consumer.back-off-initial-interval=50",
                "--spring.cloud.stream.default.consumer.back-off-max-interval=100");
  }

  private void startMongo(int port) {
    mongo = new MongoServer(new IndexingMemoryBackend());
    mongo.bind(new InetSocketAddress("127.0.0.1", port));
  }

  @AfterAll
  void stop() {
    if (service != null) {
      service.close();
    }
    if (graph != null) {
      graph.close();
    }
    if (mongo != null) {
      mongo.shutdownNow();
    }
  }

  @Test
  @Order(1)
  void aFailingProviderDefersTheMessageWhichGoesOutOnceAfterRecoveryWhileOthersGoOn() {
    String citizenA = citizen();
    String citizenB = citizen();
    OutboundMessage a = outbound(citizenA, "gangguan-A");
    OutboundMessage b = outbound(citizenB, "gangguan-B");
    double deferredBefore = deferred();
    // The provider answers 500 (Graph API code 2, "service temporarily unavailable") to every
    // send to citizen A, through the client's own retries.
    graph.failNext(citizenA, 1_000);

    publish(a);
    await().atMost(WAIT).until(() -> deferred() - deferredBefore >= 1);
    publish(b);

    await().atMost(WAIT).until(() -> !graph.requestsMentioning("gangguan-B").isEmpty());
    assertThat(graph.requestsMentioning("gangguan-A"))
        .as("every attempt for A so far failed")
        .allSatisfy(r -> assertThat(r.body()).contains(citizenA));

    // The provider recovers; the message's next attempt comes after its backoff (at most 10 s by
    // the service's clock).
    graph.reset();
    CLOCK.advance(Duration.ofMinutes(1));
    await().atMost(WAIT).until(() -> !graph.requestsMentioning("gangguan-A").isEmpty());

    // A redelivery of the message sends nothing twice.
    double duplicates = outcome("duplicate");
    publish(a);
    await().atMost(WAIT).until(() -> outcome("duplicate") > duplicates);
    assertThat(graph.requestsMentioning("gangguan-A")).hasSize(1);
    assertThat(deadLetters(a)).as("nothing transient is dead-lettered").isEmpty();
  }

  @Test
  @Order(2)
  void aPermanentRefusalIsDeadLetteredWithItsReason() {
    OutboundMessage refused = outbound(citizen(), "ditolak");
    graph.script("/v23.0/" + NUMBER + "/messages", ProviderStandIn.Answer.error(400, 131026));

    publish(refused);

    await().atMost(WAIT).until(() -> !deadLetters(refused).isEmpty());
    assertThat(deadLetters(refused))
        .singleElement()
        .satisfies(r -> assertThat(reason(r)).startsWith("PROVIDER_REFUSED: 131026"));
    assertThat(graph.requestsMentioning("ditolak")).as("never retried").hasSize(1);
  }

  @Test
  @Order(3)
  void aRecordArrivingWhileTheStoreIsDownIsPolledAgainAndSentOnceItAnswers() {
    OutboundMessage waiting = outbound(citizen(), "tanpa-basis-data");
    double outagesBefore = storeOutages();
    mongo.shutdownNow();

    publish(waiting);

    // More attempts than the binding's budget (max-attempts 4) would have allowed.
    await().atMost(WAIT).until(() -> storeOutages() - outagesBefore >= 6);
    assertThat(graph.requestsMentioning("tanpa-basis-data")).isEmpty();

    startMongo(mongoPort);
    await().atMost(WAIT).until(() -> !graph.requestsMentioning("tanpa-basis-data").isEmpty());
    assertThat(graph.requestsMentioning("tanpa-basis-data")).hasSize(1);
    assertThat(deadLetters(waiting)).isEmpty();
  }

  @Test
  @Order(4)
  void aStoreStoppedRightAfterTheProviderAcceptedAMessageNeverMakesItGoOutTwice() {
    OutboundMessage message = outbound(citizen(), "diterima-lalu-basis-data-mati");
    double outagesBefore = storeOutages();
    double sentBefore = outcome("sent") + outcome("sent_template");
    // The stand-in sees the send, the store stops, then the stand-in answers 200 with a wamid:
    // the provider has the message, the service cannot record that it does.
    graph.beforeAnswering("diterima-lalu-basis-data-mati", mongo::shutdownNow);

    publish(message);

    // The record is polled again while the store is down, then the store comes back (empty: the
    // claim is taken again from nothing, as after a lease that expired during a long outage).
    await().atMost(WAIT).until(() -> storeOutages() - outagesBefore >= 2);
    startMongo(mongoPort);
    // Past the citizen's pacing interval: a second send would not wait for its slot forever.
    CLOCK.advance(Duration.ofMinutes(1));
    await().atMost(WAIT).until(() -> outcome("sent") + outcome("sent_template") > sentBefore);
    assertThat(graph.requestsMentioning("diterima-lalu-basis-data-mati"))
        .as("the provider got the message exactly once")
        .hasSize(1);
    assertThat(deadLetters(message)).isEmpty();
  }

  private static String citizen() {
    return "62814" + (1_000_000 + (int) (Math.random() * 8_000_000));
  }

  private static OutboundMessage outbound(String citizen, String text) {
    return new OutboundMessage(
        UUID.randomUUID().toString(),
        CLOCK.instant(),
        "OUT",
        null,
        "OUT-2026-000001",
        new ReplyAddress(Channel.WHATSAPP, NUMBER, citizen),
        "STATUS",
        "id",
        null,
        text,
        null,
        null,
        List.of(),
        List.of(),
        true,
        null,
        null);
  }

  private void publish(OutboundMessage outbound) {
    service
        .getBean(EventPublisher.class)
        .publish(
            Topics.OUTBOUND_WHATSAPP, outbound.to().recipientId(), outbound, outbound.ticket());
  }

  private List<ConsumerRecord<String, byte[]>> deadLetters(OutboundMessage outbound) {
    try (TopicProbe dlq = new TopicProbe(brokers, Topics.dlq(Topics.OUTBOUND_WHATSAPP))) {
      return dlq.readToEnd(WAIT).stream()
          .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(outbound.eventId()))
          .toList();
    }
  }

  private static String reason(ConsumerRecord<String, byte[]> record) {
    Header header = record.headers().lastHeader(CloudEventHeaders.DLQ_REASON);
    return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
  }

  private double deferred() {
    return count(
        "aduan.outbound.deferred",
        "channel",
        "whatsapp",
        "agency",
        "OUT",
        "reason",
        "provider_unavailable");
  }

  private double outcome(String outcome) {
    return count("aduan.outbound.messages", "agency", "OUT", "outcome", outcome);
  }

  private double storeOutages() {
    return count("aduan.consumer.store.outages", "topic", Topics.OUTBOUND_WHATSAPP);
  }

  private double count(String name, String... tags) {
    Counter counter = service.getBean(MeterRegistry.class).find(name).tags(tags).counter();
    return counter == null ? 0 : counter.count();
  }
}
